#!/usr/bin/env bash
# Shell-level checks of the examples (self_assessment, what_if): exit codes, stdout and stderr.
# Called from .ci/run; run from anywhere: `bash .ci/examples.sh`.
set -euo pipefail

cd "$(dirname "$0")/.."
cargo build --quiet --example self_assessment
bin="target/debug/examples/self_assessment"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

failures=0
pass() { printf 'ok   %s\n' "$1"; }
fail() { printf 'FAIL %s\n' "$1"; failures=$((failures + 1)); }

# run NAME ARGS...: runs the example, keeps stdout/stderr in $tmp, sets $rc (never aborts).
run() {
    local name="$1"
    shift
    rc=0
    "$bin" "$@" >"$tmp/$name.out" 2>"$tmp/$name.err" || rc=$?
}

# 1. The built-in sample: exit 0, the table with the index.
run sample
if [[ $rc -eq 0 ]] && grep -q "Chỉ số CCHC" "$tmp/sample.out" && grep -q "TỔNG CỘNG" "$tmp/sample.out"; then
    pass "sample: exit 0, table with \"Chỉ số CCHC\""
else
    fail "sample: exit $rc (want 0) or no \"Chỉ số CCHC\" in the output"
fi

# 2. The same sample read from its file: identical table apart from the name.
run sample_file examples/data/sample_observations_2023.toml
if [[ $rc -eq 0 ]] && diff -q "$tmp/sample.out" "$tmp/sample_file.out" >/dev/null; then
    pass "sample file: exit 0, same table as the built-in sample"
else
    fail "sample file: exit $rc (want 0) or a different table"
fi

# 3. Bad data: exit 1, stderr names the criterion and the values.
run bad examples/data/bad_observations.toml
if [[ $rc -eq 1 ]] \
    && grep -q "^error: examples/data/bad_observations.toml: II.7: numerator 1500 exceeds denominator 1400$" "$tmp/bad.err" \
    && [[ ! -s "$tmp/bad.out" ]]; then
    pass "bad observations: exit 1, $(head -n 1 "$tmp/bad.err")"
else
    fail "bad observations: exit $rc (want 1), stderr: $(head -n 1 "$tmp/bad.err")"
fi

# 4. JSON: exit 0 and valid JSON with the index.
run json --format json
if [[ $rc -eq 0 ]] && python3 -m json.tool "$tmp/json.out" >/dev/null \
    && python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["index"] == "85.97", d["index"]' "$tmp/json.out"; then
    pass "--format json: exit 0, valid JSON, index 85.97"
else
    fail "--format json: exit $rc (want 0) or invalid JSON"
fi

# 5. CSV and Markdown: exit 0, one line per criterion after the header (41 + 1).
run csv --format csv
if [[ $rc -eq 0 ]] && [[ "$(python3 -c 'import csv,sys; print(len(list(csv.reader(open(sys.argv[1], newline="", encoding="utf-8")))))' "$tmp/csv.out")" == 42 ]]; then
    pass "--format csv: exit 0, 42 records"
else
    fail "--format csv: exit $rc (want 0) or not 42 records"
fi
run md --format markdown
if [[ $rc -eq 0 ]] && grep -q '^| II.4 | ' "$tmp/md.out"; then
    pass "--format markdown: exit 0"
else
    fail "--format markdown: exit $rc (want 0)"
fi

# 6. Usage errors: exit 2.
run flag --no-such-flag
if [[ $rc -eq 2 ]] && grep -q '^error: unknown flag "--no-such-flag"' "$tmp/flag.err"; then
    pass "unknown flag: exit 2"
else
    fail "unknown flag: exit $rc (want 2)"
fi
run format --format pdf
if [[ $rc -eq 2 ]] && grep -q 'unknown report format "pdf"' "$tmp/format.err"; then
    pass "unknown format: exit 2"
else
    fail "unknown format: exit $rc (want 2)"
fi

# 7. An unreadable file: exit 1, the file named.
run missing "$tmp/no-such-file.toml"
if [[ $rc -eq 1 ]] && grep -q "no-such-file.toml: cannot read" "$tmp/missing.err"; then
    pass "unreadable file: exit 1"
else
    fail "unreadable file: exit $rc (want 1)"
fi

# 8. --help: exit 0, usage on stdout.
run help --help
if [[ $rc -eq 0 ]] && grep -q '^Usage: self_assessment' "$tmp/help.out"; then
    pass "--help: exit 0"
else
    fail "--help: exit $rc (want 0)"
fi

# 9. The year so far: --as-of gives pending items; a date in another form is bad usage.
run asof --as-of 2023-06-30 --format csv
if [[ $rc -eq 0 ]] && grep -q '^VII.28,.*,pending,' "$tmp/asof.out" && grep -q '^I.1a,.*,met,' "$tmp/asof.out"; then
    pass "--as-of 2023-06-30: exit 0, VII.28 pending, I.1a met"
else
    fail "--as-of: exit $rc (want 0) or VII.28 not pending"
fi
run asof_bad --as-of 30/06/2023
if [[ $rc -eq 2 ]] && grep -q 'is not a date of the form YYYY-MM-DD' "$tmp/asof_bad.err"; then
    pass "--as-of 30/06/2023: exit 2"
else
    fail "--as-of 30/06/2023: exit $rc (want 2)"
fi

# 10. The what-if example on the sample: exit 0, all four parts.
cargo build --quiet --example what_if
rc=0
target/debug/examples/what_if >"$tmp/whatif.out" 2>"$tmp/whatif.err" || rc=$?
if [[ $rc -eq 0 ]] && grep -q "^2\. " "$tmp/whatif.out" && grep -q "Dự báo cuối năm" "$tmp/whatif.out" \
    && grep -q "II.4: 4,29 → 5,00" "$tmp/whatif.out"; then
    pass "what_if: exit 0, shortfalls, least effort, scenario diff, projection"
else
    fail "what_if: exit $rc (want 0) or a part missing"
fi

# 11. Any preset scores a file of its own ids: a QĐ 766 month, as JSON with today's keys.
run qd766_json examples/data/qd766_2025-07.toml --preset qd766 --format json
if [[ $rc -eq 0 ]] && python3 - "$tmp/qd766_json.out" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
for key in ("total_points", "max_points", "index", "band", "fields", "criteria"):
    assert key in d, key
assert (d["index"], d["max_points"], d["band"], d["period"]) == ("89.33", "100", None, "2025-07"), d["index"]
assert len(d["fields"]) == 6 and len(d["criteria"]) == 21
c = {x["id"]: x for x in d["criteria"]}
for key in ("points", "max_points", "status", "rate_percent", "records_to_convert", "records_to_add"):
    assert key in c["3.3"], key
assert (c["3.3"]["points"], c["3.3"]["rate_percent"]) == ("5.13", "42.77")
PY
then
    pass "--preset qd766 --format json: exit 0, index 89.33 of 100, no band, 6 groups, 21 components"
else
    fail "--preset qd766 --format json: exit $rc (want 0) or wrong figures"
fi
run qd766_table examples/data/qd766_2025-07.toml --preset qd766
if [[ $rc -eq 0 ]] && head -n 1 "$tmp/qd766_table.out" | grep -q "THÁNG 07/2025$" \
    && grep -q "Bộ tiêu chí không có xếp loại" "$tmp/qd766_table.out"; then
    pass "--preset qd766: the month in the title, no band said so"
else
    fail "--preset qd766: exit $rc (want 0), or no month in the title, or no word on bands"
fi
run qd766_wrong_set examples/data/qd766_2025-07.toml
if [[ $rc -eq 1 ]] && grep -q '^error: examples/data/qd766_2025-07.toml: the observations are for 2025, but the criteria set is for 2023$' "$tmp/qd766_wrong_set.err"; then
    pass "a 766 file read against the reference set: exit 1, the years named"
else
    fail "a 766 file read against the reference set: exit $rc (want 1), stderr: $(head -n 1 "$tmp/qd766_wrong_set.err")"
fi
run preset_bad --preset nope
if [[ $rc -eq 2 ]] && grep -q 'unknown preset "nope"' "$tmp/preset_bad.err"; then
    pass "--preset nope: exit 2"
else
    fail "--preset nope: exit $rc (want 2)"
fi

# 11b. A ward's months added up: three month files into the quarter; several files need
#      --period; another preset without a file is bad usage.
for m in 07 08 09; do
    sed -e "s/^period = \"2025-07\"$/period = \"2025-$m\"/" examples/data/qd766_2025-07.toml >"$tmp/m$m.toml"
done
run q3 "$tmp/m07.toml" "$tmp/m08.toml" "$tmp/m09.toml" --preset qd766 --period 2025-Q3 --format json
# The months are alike, so the quarter's rates are the month's: 2.1 (155 × 3)/(159 × 3) etc.
# 3.2 and 3.5b count services over the period and are left to be given: 89.33 − 3.21 − 1.95.
if [[ $rc -eq 0 ]] && python3 - "$tmp/q3.out" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
c = {x["id"]: x for x in d["criteria"]}
assert d["period"] == "2025-Q3", d["period"]
assert c["3.2"]["status"] == "missing" and c["3.5b"]["status"] == "missing"
assert d["total_points"] == "84.17", d["total_points"]
PY
then
    pass "three months --period 2025-Q3: exit 0, the quarter's card, 3.2 and 3.5b left to give"
else
    fail "three months --period 2025-Q3: exit $rc (want 0) or wrong figures: $(head -c 300 "$tmp/q3.out") $(cat "$tmp/q3.err")"
fi
run two_no_period "$tmp/m07.toml" "$tmp/m08.toml" --preset qd766
if [[ $rc -eq 2 ]] && grep -q 'give --period' "$tmp/two_no_period.err"; then
    pass "two files without --period: exit 2"
else
    fail "two files without --period: exit $rc (want 2)"
fi
run gap "$tmp/m07.toml" "$tmp/m09.toml" --preset qd766 --period 2025-Q3
if [[ $rc -eq 1 ]] && grep -q 'no part covers 2025-08-01 to 2025-08-31' "$tmp/gap.err"; then
    pass "July and September as Q3: exit 1, August named"
else
    fail "July and September as Q3: exit $rc (want 1), stderr: $(head -n 1 "$tmp/gap.err")"
fi
run preset_no_file --preset qd766
if [[ $rc -eq 2 ]] && grep -q 'give an observations file' "$tmp/preset_no_file.err"; then
    pass "--preset qd766 without a file: exit 2"
else
    fail "--preset qd766 without a file: exit $rc (want 2)"
fi

# 11c. Output cut short by the reader (`| head`): no panic, exit 0.
for example in qd766 what_if plan_overview self_assessment; do
    cargo build --quiet --example "$example"
    set +o pipefail
    "target/debug/examples/$example" 2>"$tmp/pipe.err" | head -n 1 >/dev/null
    status=${PIPESTATUS[0]}
    set -o pipefail
    if [[ $status -eq 0 ]] && ! grep -q panicked "$tmp/pipe.err"; then
        pass "$example | head -n 1: exit 0, no panic"
    else
        fail "$example | head -n 1: exit $status, $(head -n 1 "$tmp/pipe.err")"
    fi
done

# 12. Authoring a set: --check-criteria says "no problem" or lists every problem by criterion.
run check_ok --check-criteria src/criteria/qd766.toml
if [[ $rc -eq 0 ]] && grep -q '21 criteria, 100 points, 0 rating bands: no problem found$' "$tmp/check_ok.out"; then
    pass "--check-criteria on the 766 set: exit 0, no problem"
else
    fail "--check-criteria on the 766 set: exit $rc (want 0)"
fi
sed -e 's/percent = "35" }/percent = "135" }/' -e 's/^max_points = "5"$/max_points = "-5"/' \
    src/criteria/reference.toml >"$tmp/bad_set.toml"
run check_bad --check-criteria "$tmp/bad_set.toml"
if [[ $rc -eq 1 ]] && grep -q 'II.4: percentage 135 is outside 0 to 100$' "$tmp/check_bad.err" \
    && [[ "$(grep -c 'bad_set.toml: [IVX]*\.[0-9a-z]*: ' "$tmp/check_bad.err")" -ge 2 ]]; then
    pass "--check-criteria on a broken set: exit 1, every problem named by criterion"
else
    fail "--check-criteria on a broken set: exit $rc (want 1), stderr: $(head -n 3 "$tmp/check_bad.err")"
fi

# 13. what_if on a ward's own file: the least-effort plan to 90 points as JSON; a band the set
#     does not have is bad usage.
wi="target/debug/examples/what_if"
rc=0
"$wi" examples/data/qd766_2025-07.toml --preset qd766 --goal 90 --format json >"$tmp/wi.out" 2>"$tmp/wi.err" || rc=$?
if [[ $rc -eq 0 ]] && python3 - "$tmp/wi.out" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
assert d["reached"] is True and d["total_cost"] == "6", d["total_cost"]
assert (d["before"]["index"], d["after"]["index"]) == ("89.33", "90.00")
assert [(s["criterion"], s["records"], s["cost"]) for s in d["steps"]] == [("2.1", 3, "3"), ("3.6", 3, "3")]
PY
then
    pass "what_if FILE --preset qd766 --goal 90 --format json: cost 6, 89.33 → 90.00, reached"
else
    fail "what_if FILE --preset qd766 --goal 90 --format json: exit $rc (want 0) or wrong plan"
fi
rc=0
"$wi" examples/data/qd766_2025-07.toml --preset qd766 --goal Tốt >"$tmp/wi_band.out" 2>"$tmp/wi_band.err" || rc=$?
if [[ $rc -eq 2 ]] && grep -q 'the criteria set has no rating bands' "$tmp/wi_band.err"; then
    pass "what_if --goal Tốt on a set without bands: exit 2"
else
    fail "what_if --goal Tốt on a set without bands: exit $rc (want 2)"
fi

# 14. The QĐ 766 example: a month, its six groups, least effort to 90, quarters, projection.
cargo build --quiet --example qd766
rc=0
target/debug/examples/qd766 >"$tmp/qd766.out" 2>"$tmp/qd766.err" || rc=$?
if [[ $rc -eq 0 ]] && grep -q "89,33 / 100 điểm" "$tmp/qd766.out" && grep -q "Quý 4" "$tmp/qd766.out" \
    && grep -q "Dự báo cuối năm" "$tmp/qd766.out"; then
    pass "qd766: exit 0, a month at 89.33, quarters, projection"
else
    fail "qd766: exit $rc (want 0) or a part missing"
fi

# 15. Excel out: a workbook needs --output (exit 2); with it, a zip file and nothing on stdout.
run xlsx_tty --format xlsx
if [[ $rc -eq 2 ]] && grep -q 'the xlsx format is binary: give --output FILE' "$tmp/xlsx_tty.err" \
    && [[ ! -s "$tmp/xlsx_tty.out" ]]; then
    pass "--format xlsx without --output: exit 2"
else
    fail "--format xlsx without --output: exit $rc (want 2)"
fi
run xlsx --format xlsx --output "$tmp/ward.xlsx"
if [[ $rc -eq 0 ]] && [[ "$(head -c 2 "$tmp/ward.xlsx")" == "PK" ]] && [[ ! -s "$tmp/xlsx.out" ]]; then
    pass "--format xlsx --output FILE: exit 0, a workbook written"
else
    fail "--format xlsx --output FILE: exit $rc (want 0) or no workbook"
fi
run svg --format svg --output "$tmp/ward.svg"
if [[ $rc -eq 0 ]] && python3 -c 'import sys, xml.dom.minidom as m; d = m.parse(sys.argv[1]); assert d.documentElement.getAttribute("viewBox") == "0 0 794 1123"' "$tmp/ward.svg"; then
    pass "--format svg --output FILE: exit 0, an A4 SVG"
else
    fail "--format svg --output FILE: exit $rc (want 0) or not an A4 SVG"
fi
run csv_raw --format csv-raw
if [[ $rc -eq 0 ]] && [[ "$(python3 -c 'import csv,sys; print(len(list(csv.reader(open(sys.argv[1], newline="", encoding="utf-8")))))' "$tmp/csv_raw.out")" == 42 ]]; then
    pass "--format csv-raw: exit 0, 42 records"
else
    fail "--format csv-raw: exit $rc (want 0) or not 42 records"
fi

# 16. Excel in: a blank template, refused with the cell named; filled (ward, year, II.4 on
#     row 12 as 90 of 300), scored as the same data in TOML.
run template --template "$tmp/blank.xlsx"
run blank "$tmp/blank.xlsx"
if [[ -s "$tmp/blank.xlsx" ]] && [[ $rc -eq 1 ]] \
    && grep -q 'blank.xlsx: '\''Số liệu'\''!B2: key `ward` is required by the observations file$' "$tmp/blank.err"; then
    pass "--template FILE, read back blank: exit 1, the cell named"
else
    fail "--template FILE, read back blank: exit $rc (want 1), stderr: $(head -n 1 "$tmp/blank.err")"
fi
python3 - "$tmp/blank.xlsx" "$tmp/filled.xlsx" <<'PY'
import re, sys, zipfile
cells = {
    "B2": '<c r="B2" s="\\1" t="inlineStr"><is><t>Phường Mẫu</t></is></c>',
    "B3": '<c r="B3" s="\\1"><v>2023</v></c>',
    "D12": '<c r="D12" s="\\1"><v>90</v></c>',
    "E12": '<c r="E12" s="\\1"><v>300</v></c>',
}
with zipfile.ZipFile(sys.argv[1]) as src, zipfile.ZipFile(sys.argv[2], "w", zipfile.ZIP_DEFLATED) as out:
    for item in src.infolist():
        data = src.read(item.filename)
        if item.filename == "xl/worksheets/sheet1.xml":
            text = data.decode()
            for ref, cell in cells.items():
                text, n = re.subn(f'<c r="{ref}" s="(\\d+)"/>', cell, text)
                assert n == 1, ref
            data = text.encode()
        out.writestr(item, data)
PY
printf 'ward = "Phường Mẫu"\nyear = 2023\n[observations."II.4"]\nnumerator = 90\ndenominator = 300\n' >"$tmp/twin.toml"
run filled "$tmp/filled.xlsx" --format json
run twin "$tmp/twin.toml" --format json
if [[ $rc -eq 0 ]] && diff -q "$tmp/filled.out" "$tmp/twin.out" >/dev/null \
    && python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["total_points"] == "4.29", d["total_points"]' "$tmp/filled.out"; then
    pass "a filled template: the same JSON as its TOML twin (4.29 points)"
else
    fail "a filled template: exit $rc (want 0) or a JSON other than its TOML twin's"
fi

if [[ $failures -gt 0 ]]; then
    echo "examples.sh: $failures check(s) failed"
    exit 1
fi
echo "examples.sh: all checks passed"
