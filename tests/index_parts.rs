//! scratch
use cchc::CriteriaSet;

const BASE: &str = r#"
name = "Thử"

[[fields]]
id = "A"
label_vi = "A"
label_en = "A"

[[fields.criteria]]
id = "A.1"
label_vi = "a1"
label_en = "a1"
max_points = "20"
rule = { kind = "count_steps", steps = [{ at_least = 4, points = "20" }, { at_least = 2, points = "10" }] }

[[fields.criteria]]
id = "A.2"
label_vi = "a2"
label_en = "a2"
max_points = "10"
rule = { kind = "prop", percent = "50" }

[[fields.criteria]]
id = "A.3"
label_vi = "a3"
label_en = "a3"
max_points = "4"
rule = { kind = "deadline", date = 2023-03-31, wording = "by", late_share = "0.5", late_until = 2023-12-31 }

[[fields.criteria]]
id = "A.4"
label_vi = "a4"
label_en = "a4"
max_points = "6"

[[fields.criteria.children]]
id = "A.4a"
label_vi = "a4a"
label_en = "a4a"
max_points = "3"
rule = { kind = "done" }

[[fields.criteria.children]]
id = "A.4b"
label_vi = "a4b"
label_en = "a4b"
max_points = "3"
rule = { kind = "done" }
"#;

#[test]
fn scratch() {
    CriteriaSet::from_toml(BASE).unwrap();
    let cases = [
        ("step above", BASE.replace("at_least = 4, points = \"20\"", "at_least = 4, points = \"25\"")),
        ("order", BASE.replace("{ at_least = 4, points = \"20\" }, { at_least = 2, points = \"10\" }", "{ at_least = 2, points = \"10\" }, { at_least = 4, points = \"20\" }")),
        ("children", BASE.replace("id = \"A.4b\"\nlabel_vi = \"a4b\"\nlabel_en = \"a4b\"\nmax_points = \"3\"", "id = \"A.4b\"\nlabel_vi = \"a4b\"\nlabel_en = \"a4b\"\nmax_points = \"2\"")),
        ("share", BASE.replace("late_share = \"0.5\"", "late_share = \"1.5\"")),
        ("kind", BASE.replace("kind = \"prop\"", "kind = \"proportional\"")),
        ("unknown key", BASE.replace("id = \"A.2\"\n", "id = \"A.2\"\nweight = \"2\"\n")),
        ("unknown key rule", BASE.replace("kind = \"prop\", percent", "kind = \"prop\", target")),
        ("float", BASE.replace("max_points = \"10\"", "max_points = 10.5")),
        ("float2", BASE.replace("percent = \"50\"", "percent = 50.0")),
        ("date", BASE.replace("date = 2023-03-31", "date = \"2023-02-30\"")),
        ("date toml", BASE.replace("date = 2023-03-31", "date = 2023-02-30")),
        ("zero", BASE.replace("percent = \"50\"", "percent = \"0\"")),
        ("dup", BASE.replace("id = \"A.2\"", "id = \"A.1\"")),
        ("bands", BASE.replace("name = \"Thử\"\n", "name = \"Thử\"\n[[bands]]\nlabel_vi = \"Tốt\"\nlabel_en = \"Good\"\nfrom = \"80\"\nto = \"100\"\n[[bands]]\nlabel_vi = \"Khá\"\nlabel_en = \"Fair\"\nfrom = \"0\"\nto = \"85\"\n")),
    ];
    for (name, text) in cases {
        let err = CriteriaSet::from_toml(&text).unwrap_err();
        println!(
            "== {name}: kind={:?} item={:?} key={:?} line={:?}\n   {err}",
            err.kind(),
            err.item(),
            err.key(),
            err.line()
        );
        for p in err.problems() {
            println!(
                "   - kind={:?} item={:?} key={:?}: {p}",
                p.kind(),
                p.item(),
                p.key()
            );
        }
    }
}
