//! The command line: the `self_assessment` and `what_if` examples on hostile files.

use std::path::PathBuf;
use std::process::{Command, Output};
use std::sync::OnceLock;

/// The example `name`, next to this test binary (`…/deps/bad_input-HASH` →
/// `…/examples/NAME`), built first so that it is not stale when only this test runs.
fn example(name: &str) -> PathBuf {
    static BUILT: OnceLock<()> = OnceLock::new();
    let exe = std::env::current_exe().unwrap();
    let profile_dir = exe
        .parent()
        .and_then(|deps| deps.parent())
        .unwrap()
        .to_path_buf();
    BUILT.get_or_init(|| {
        let mut cargo = Command::new(env!("CARGO"));
        cargo.args([
            "build",
            "--quiet",
            "--example",
            "self_assessment",
            "--example",
            "what_if",
        ]);
        if profile_dir.ends_with("release") {
            cargo.arg("--release");
        }
        let status = cargo
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .status()
            .unwrap();
        assert!(status.success(), "cargo build --example failed");
    });
    profile_dir.join("examples").join(name)
}

/// A file in a fresh temporary folder holding `bytes`.
fn file(name: &str, bytes: &[u8]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("cchc-bad-input-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

fn run(example_name: &str, args: &[&std::ffi::OsStr]) -> (i32, String, String) {
    let Output {
        status,
        stdout,
        stderr,
    } = Command::new(example(example_name))
        .args(args)
        .output()
        .unwrap();
    let stderr = String::from_utf8(stderr).unwrap();
    assert!(!stderr.contains('\u{1b}'), "{stderr:?}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    (
        status.code().unwrap_or(-1),
        String::from_utf8_lossy(&stdout).into_owned(),
        stderr,
    )
}

// 48. An id with an escape sequence in a file given on the command line: exit 1, the id
//     escaped and quoted on stderr.
#[test]
fn cli_escapes_ids_from_files() {
    let path = file(
        "esc.toml",
        b"ward = \"X\"\nyear = 2023\n[observations.\"\\u001b[2J\"]\ndone = true\n",
    );
    let (code, _, stderr) = run("self_assessment", &[path.as_os_str()]);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.ends_with("esc.toml: \"\\u{1b}[2J\": unknown criterion id\n"),
        "{stderr}"
    );
}

// 49. A file that is not UTF-8: exit 1, its line, column and byte offset.
#[test]
fn cli_places_bytes_that_are_not_utf8() {
    let path = file("latin1.toml", b"ward = \"X\"\nyear = 2023 # \xe9t\xe9\n");
    let (code, _, stderr) = run("self_assessment", &[path.as_os_str()]);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains(
            "latin1.toml: cannot read: not UTF-8 text at line 2, column 15: byte 0xe9 at offset 25"
        ),
        "{stderr}"
    );
    let (code, _, stderr) = run("what_if", &[path.as_os_str()]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("at line 2, column 15"), "{stderr}");
}

// 50. A file above 10 MiB: exit 1 with the limit, at once.
#[test]
fn cli_refuses_oversized_files() {
    let mut bytes = b"ward = \"X\"\nyear = 2023\n#".to_vec();
    bytes.resize(cchc::limits::MAX_INPUT_BYTES + 1, b' ');
    let path = file("huge.toml", &bytes);
    let (code, _, stderr) = run("self_assessment", &[path.as_os_str()]);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains("huge.toml: the text is 10485761 bytes long, above the limit of 10485760"),
        "{stderr}"
    );
}

// 51. A ward's name with an escape sequence: the what-if plan prints it escaped, the table
//     cleaned; a JSON criteria file with a byte-order mark is read.
#[test]
fn cli_prints_names_safely() {
    let obs = file("ward.toml", b"ward = \"\\u001b]0;owned\\u0007X\"\nyear = 2023\n[observations.\"II.4\"]\nnumerator = 90\ndenominator = 300\n");
    let (code, stdout, stderr) = run(
        "what_if",
        &[obs.as_os_str(), "--goal".as_ref(), "5".as_ref()],
    );
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.starts_with("\\u{1b}]0;owned\\u{7}X — "), "{stdout}");
    let criteria = CriteriaSet::reference().to_json().unwrap();
    let set = file("set.json", format!("\u{feff}{criteria}").as_bytes());
    let (code, stdout, stderr) = run(
        "self_assessment",
        &[obs.as_os_str(), "--criteria".as_ref(), set.as_os_str()],
    );
    assert_eq!(code, 0, "{stderr}");
    assert!(
        !stdout.contains('\u{1b}') && !stdout.contains('\u{7}'),
        "{stdout}"
    );
}

// 60. `--format json` on evidence holding a C1 control (U+009B, a CSI of its own), a bidi
//     override and an isolate: the JSON printed escapes them (`\u009b`), holds no hostile
//     character, and reads back to the scorecard.
#[test]
fn cli_json_escapes_hostile_characters() {
    let obs_toml = "ward = \"W\\u009b2J\"\nyear = 2023\n[observations.\"II.4\"]\nnumerator = 90\ndenominator = 300\nevidence = \"BC\\u009b1A\\u202e12\\u2067\"\n";
    let obs = file("c1.toml", obs_toml.as_bytes());
    let (code, stdout, stderr) = run(
        "self_assessment",
        &[obs.as_os_str(), "--format".as_ref(), "json".as_ref()],
    );
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        stdout.chars().find(|c| *c != '\n' && super::hostile(*c)),
        None
    );
    assert!(
        stdout.contains("\"BC\\u009b1A\\u202e12\\u2067\""),
        "{stdout}"
    );
    let set = CriteriaSet::reference();
    let card = Scorecard::score(&set, &Observations::from_toml(obs_toml, &set).unwrap()).unwrap();
    assert_eq!(Scorecard::from_json(&stdout).unwrap(), card);
}

use cchc::{CriteriaSet, Observations, Scorecard};
