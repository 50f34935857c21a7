#[test]
fn probe() {
    use cchc::*;
    let set = CriteriaSet::reference();
    let obs = Observations::builder("A\u{FFFF}B\u{1b}C\u{FFFE}", 2023)
        .counts("II.4", 90, 300)
        .evidence("II.4", "x\u{FFFF}\u{0}y")
        .build(&set)
        .unwrap();
    let card = Scorecard::score(&set, &obs).unwrap();
    let b = cchc::report::write(&set, &card, cchc::report::Format::Xlsx, Lang::Vi).unwrap();
    std::fs::write("/tmp/probe/w.xlsx", b).unwrap();
    let t = cchc::observations::xlsx::template(
        &CriteriaSet::from_toml(
            &CriteriaSet::reference_toml().replace("name = \"Bộ", "name = \"\u{FFFF}Bộ"),
        )
        .unwrap(),
        Lang::Vi,
    )
    .unwrap();
    std::fs::write("/tmp/probe/t.xlsx", t).unwrap();
}
