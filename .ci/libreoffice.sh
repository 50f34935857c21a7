#!/usr/bin/env bash
# A real spreadsheet recalculates the workbooks the crate writes to the crate's own figures.
#
# Installs LibreOffice Calc (headless) from Debian when missing, writes workbooks with the
# main example, has LibreOffice recalculate every formula on load and export each sheet as
# CSV, and compares the recalculated subtotals, totals, indexes and bands with the JSON
# scorecard of the same data.
#
# LibreOffice does not recalculate an .xlsx on load by default (it shows the cached values):
# a private profile sets "Recalculation on file load" for Excel files to "always"
# (org.openoffice.Office.Calc/Formula/Load/OOXMLRecalcMode = 0). Measured on the project's
# machine: a workbook whose cached index was changed to 11.11 came back from LibreOffice as
# 11.11 with the default profile and as the crate's 85.97 with this one.
#
# Run from anywhere: `bash .ci/libreoffice.sh`. Called from .ci/run.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v soffice >/dev/null 2>&1; then
    echo "installing LibreOffice Calc (headless) from Debian…"
    start=$(date +%s)
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends libreoffice-calc-nogui >/dev/null
    echo "installed in $(( $(date +%s) - start )) s"
fi

cargo build --quiet --example self_assessment
bin="target/debug/examples/self_assessment"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

mkdir -p "$tmp/profile/user"
cat >"$tmp/profile/user/registrymodifications.xcu" <<'XCU'
<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
XCU

# A set with every case the formulas must get right: sub-criteria, không phát sinh left out
# of the maximum, a survey part, bonus and penalty points, half-to-even rounding on a tie
# (12.01 of 40 = 30.025% → 30.02), bands.
cp tests/data/excel_set.toml "$tmp/set.toml"
cp tests/data/excel_obs.toml "$tmp/obs.toml"
# The same year without a survey: B is left out, the index is over 16 points.
sed -e 's/^year = 2024$/year = 2024\nsurvey = false/' -e '/^\[observations."B.1"\]$/,/^denominator = 600$/d' \
    "$tmp/obs.toml" >"$tmp/obs_nosurvey.toml"

# The same data under the other rounding policies and at three decimals (points, totals and
# indexes all change digits), and a year where every criterion is không phát sinh, left out:
# the maximum is 0, the index undefined, and the bonus point is kept within 0 and 0.
for mode in toward_zero away_from_zero; do
    sed "s/^rounding = .*/rounding = { decimals = 2, mode = \"$mode\" }/" tests/data/excel_set.toml >"$tmp/set_$mode.toml"
done
sed 's/^rounding = .*/rounding = { decimals = 3, mode = "half_even" }/' tests/data/excel_set.toml >"$tmp/set_3dp.toml"
cat >"$tmp/obs_max0.toml" <<'TOML'
ward = "Phường Không"
year = 2024
[observations."A.1"]
not_applicable = true
[observations."A.2a"]
not_applicable = true
[observations."A.2b"]
not_applicable = true
[observations."A.3"]
not_applicable = true
[observations."B.1"]
not_applicable = true
[[bonus]]
points = "1"
reason = "Sáng kiến"
TOML

failures=0
check() { # NAME LANG ARGS...: workbook and JSON of the same data, compared after recalculation
    local name="$1" lang="$2"
    shift 2
    "$bin" "$@" --lang "$lang" --format xlsx --output "$tmp/$name.xlsx"
    "$bin" "$@" --format json >"$tmp/$name.json"
    mkdir -p "$tmp/$name"
    soffice -env:UserInstallation="file://$tmp/profile" --headless \
        --convert-to 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,1' \
        --outdir "$tmp/$name" "$tmp/$name.xlsx" >/dev/null 2>&1
    # Sheet 1 only (filter option 12 = 1): LibreOffice names the file after the sheet.
    if python3 - "$tmp/$name" "$tmp/$name.json" "$lang" <<'PY'
import csv, glob, json, sys
from decimal import Decimal
(path,) = glob.glob(sys.argv[1] + "/*.csv")
rows = list(csv.reader(open(path, encoding="utf-8")))
card = json.load(open(sys.argv[2]))
lang = sys.argv[3]
head = next(i for i, r in enumerate(rows) if r and r[0] in ("STT", "No."))
cols = rows[head]
self_col = cols.index("Điểm tự chấm" if lang == "vi" else "Self score")
appr = ("Điểm thẩm định" if lang == "vi" else "Appr. score")
appr_col = cols.index(appr) if appr in cols else None
maxc = cols.index("Điểm tối đa" if lang == "vi" else "Max points")
def num(text):
    return Decimal(text) if text not in ("", "—") else None
def row(label):
    return next(r for r in rows[head:] if len(r) > 1 and r[1] == label)
checked = 0
fields = {r[0]: r for r in rows[head + 1:] if r and r[0] in {f["id"] for f in card["fields"]}}
for f in card["fields"]:
    r = fields[f["id"]]
    assert num(r[self_col]) == Decimal(f["points"]), (f["id"], r[self_col], f["points"])
    assert num(r[maxc]) == Decimal(f["max_points"]), (f["id"], r[maxc], f["max_points"])
    if appr_col is not None:
        assert num(r[appr_col]) == Decimal(f["appraised_points"]), (f["id"], r[appr_col])
    checked += 1
# Every criterion row, parents (sums of their sub-criteria) included.
by_id = {r[0]: r for r in rows[head + 1:] if r}
for c in card["criteria"]:
    r = by_id[c["id"]]
    assert num(r[self_col]) == Decimal(c["points"]), (c["id"], r[self_col], c["points"])
    assert num(r[maxc]) == Decimal(c["max_points"]), (c["id"], r[maxc], c["max_points"])
    checked += 1
total = row("TỔNG CỘNG" if lang == "vi" else "TOTAL")
assert num(total[self_col]) == Decimal(card["total_points"]), (total[self_col], card["total_points"])
assert num(total[maxc]) == Decimal(card["max_points"]), (total[maxc], card["max_points"])
index = row("Chỉ số CCHC (%)" if lang == "vi" else "CCHC index (%)")
assert num(index[self_col]) == (Decimal(card["index"]) if card["index"] else None), (index[self_col], card["index"])
if appr_col is not None:
    assert num(total[appr_col]) == Decimal(card["appraised_total_points"])
    assert num(index[appr_col]) == Decimal(card["appraised_index"]), (index[appr_col], card["appraised_index"])
band = row("Xếp loại" if lang == "vi" else "Rating")
want = card["band" if lang == "vi" else "band_en"] or "—"
assert band[self_col] == want, (band[self_col], want)
if appr_col is not None:
    want = card["appraised_band" if lang == "vi" else "appraised_band_en"] or "—"
    assert band[appr_col] == want, (band[appr_col], want)
# The footer's live line of totals, recalculated, says the same figures.
lead = "Tổng điểm tự chấm: " if lang == "vi" else "Self-assessed total: "
foot = next(r[0] for r in rows[head:] if r and r[0].startswith(lead))
shown = lambda v: v.replace(".", ",") if lang == "vi" else v
assert foot.startswith(lead + shown(card["total_points"])), (foot, card["total_points"])
print(f"{checked} subtotals and criteria, total {total[self_col]} of {total[maxc]}, index {index[self_col]}, band {band[self_col]}")
PY
    then
        printf 'ok   %s: recalculated by LibreOffice to the JSON figures\n' "$name"
    else
        printf 'FAIL %s\n' "$name"
        failures=$((failures + 1))
    fi
}

# First, that LibreOffice recalculates at all: the sample workbook with its cached total and
# index changed to 11.11 must come back with the crate's 85.97.
"$bin" --format xlsx --output "$tmp/tampered.xlsx"
python3 - "$tmp/tampered.xlsx" <<'PY'
import shutil, sys, zipfile
path = sys.argv[1]
shutil.move(path, path + ".orig")
with zipfile.ZipFile(path + ".orig") as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
    for item in src.infolist():
        data = src.read(item.filename)
        if item.filename == "xl/worksheets/sheet1.xml":
            text = data.decode()
            assert text.count("<v>85.97</v>") == 2, "the cached total and index"
            data = text.replace("<v>85.97</v>", "<v>11.11</v>").encode()
        out.writestr(item, data)
PY
mkdir -p "$tmp/tampered"
soffice -env:UserInstallation="file://$tmp/profile" --headless \
    --convert-to 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,1' \
    --outdir "$tmp/tampered" "$tmp/tampered.xlsx" >/dev/null 2>&1
if grep -q '^,TỔNG CỘNG,100,,85.97,' "$tmp"/tampered/*.csv && ! grep -q '11.11' "$tmp"/tampered/*.csv; then
    printf 'ok   a wrong cached value (11.11) is recalculated to 85.97\n'
else
    printf 'FAIL LibreOffice did not recalculate: %s\n' "$(grep TỔNG "$tmp"/tampered/*.csv)"
    failures=$((failures + 1))
fi

check sample vi
check sample_en en examples/data/sample_observations_2023.toml
check qd766 vi examples/data/qd766_2025-07.toml --preset qd766
check every_case vi "$tmp/obs.toml" --criteria "$tmp/set.toml"
check no_survey en "$tmp/obs_nosurvey.toml" --criteria "$tmp/set.toml"
check toward_zero vi "$tmp/obs.toml" --criteria "$tmp/set_toward_zero.toml"
check away_from_zero en "$tmp/obs.toml" --criteria "$tmp/set_away_from_zero.toml"
check three_decimals vi "$tmp/obs.toml" --criteria "$tmp/set_3dp.toml"
check max_zero vi "$tmp/obs_max0.toml" --criteria "$tmp/set.toml"

if [[ $failures -gt 0 ]]; then
    echo "libreoffice.sh: $failures check(s) failed"
    exit 1
fi
echo "libreoffice.sh: all checks passed"
