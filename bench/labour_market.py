"""Labour-market evidence at scale (issue 7, "Performance"), on the files written by
``manage.py seed_labour_market_scale`` (2,911 occupations × 14 counties × 20 half-years,
about 815,000 synthetic MZDiN rows in ``var/bench/mzdin/``):

1. the 20 files imported through the real import service (``mzdin_import``): rows/s
   (target >= 50,000 rows/s);
2. ``mzdin_compute`` for one period at every level and territory under MZDiN-2015: seconds
   (target < 2 s);
3. the same aggregation in pandas (group by code prefix × county, subregion and region for
   the 5 levels; sums, W, Bd/B, Bo/Bn and the class) over the same rows read from the
   database: seconds, with and without reading them; its rows and classes are checked
   against the database's (target: the database way not slower than pandas including the
   read it needs);
4. the gap-analysis page for powiat żarski as staff, through Django's test client: median of 5
   after a first request left out (target < 300 ms) and its SQL query count.

The benchmark database is reset for MZDiN first (counts, results and MZDiN import runs are
deleted: it is a throwaway database, never run it on real data). Usage:
``bench/labour_market.py [--period 2025-H2]``. Prints Markdown; exits 1 if a target is missed.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time

import django

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
django.setup()

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402

from skillshub.accounts.models import User  # noqa: E402
from skillshub.core.models import County  # noqa: E402
from skillshub.demo.management.commands.seed_labour_market_scale import (  # noqa: E402
    default_directory,
    period_file,
    periods,
)
from skillshub.labour_market.choices import ImportKind, ImportStatus  # noqa: E402
from skillshub.labour_market.models import (  # noqa: E402
    LEVEL_DIGITS,
    ImportRun,
    MzdinCount,
    MzdinResult,
    Occupation,
    Subregion,
    ThresholdSet,
)
from skillshub.labour_market.reference import load_all  # noqa: E402
from skillshub.labour_market.services_imports import mzdin_import  # noqa: E402
from skillshub.labour_market.services_mzdin import mzdin_compute  # noqa: E402

IMPORT_TARGET = 50_000.0
COMPUTE_TARGET_S = 2.0
PAGE_TARGET_MS = 300.0

parser = argparse.ArgumentParser()
parser.add_argument("--periods", type=int, default=20)
parser.add_argument("--period", default="", help="the period computed (default: the last)")
args = parser.parse_args()

all_periods = periods(args.periods)
period = args.period or all_periods[-1]
directory = default_directory()
missing = [p for p in all_periods if not period_file(directory, p).exists()]
if missing:
    sys.exit(f"Run manage.py seed_labour_market_scale first ({len(missing)} files missing).")
if not Occupation.objects.filter(level=6).exists():
    load_all()
staff, _created = User.objects.get_or_create(
    username="bench-staff", defaults={"role": "office_staff"}
)
failures: list[str] = []
out: list[str] = ["## Labour-market evidence (issue 7)", ""]
out.append(f"Database: {connection.vendor}; files: {len(all_periods)} in {directory}.")
out.append("")

# --- 1. Import ---------------------------------------------------------------------------------
MzdinResult.objects.all().delete()
MzdinCount.objects.all().delete()
ImportRun.objects.filter(kind=ImportKind.MZDIN).delete()
rows = 0
started = time.perf_counter()
for p in all_periods:
    path = period_file(directory, p)
    with open(path, "rb") as f:
        run = mzdin_import(actor=staff, file=f, period=p)
    if run.status != ImportStatus.SUCCEEDED:
        sys.exit(f"Import of {path.name} failed: {run.errors[:3]}")
    rows += run.rows_written
import_s = time.perf_counter() - started
rate = rows / import_s
ok = rate >= IMPORT_TARGET
if not ok:
    failures.append(f"import {rate:,.0f} rows/s < {IMPORT_TARGET:,.0f}")
out += [
    "| measure | value | target | |",
    "|---|---|---|---|",
    f"| import: {rows:,} rows in {len(all_periods)} files | {import_s:.1f} s, "
    f"**{rate:,.0f} rows/s** | >= {IMPORT_TARGET:,.0f} rows/s | {'ok' if ok else 'MISSED'} |",
]

# --- 2. Compute --------------------------------------------------------------------------------
threshold_set = ThresholdSet.objects.filter(name="MZDiN-2015", is_active=True).latest("version")
started = time.perf_counter()
results = mzdin_compute(actor=staff, period=period, threshold_set=threshold_set)
compute_s = time.perf_counter() - started
ok = compute_s < COMPUTE_TARGET_S
if not ok:
    failures.append(f"compute {compute_s:.2f} s >= {COMPUTE_TARGET_S} s")
out.append(
    f"| compute {period}, 5 levels × county/subregion/region ({results:,} results) "
    f"| **{compute_s:.2f} s** | < {COMPUTE_TARGET_S:.0f} s | {'ok' if ok else 'MISSED'} |"
)

# --- 3. pandas ---------------------------------------------------------------------------------
started = time.perf_counter()
frame = pd.DataFrame.from_records(
    MzdinCount.objects.filter(period=period).values_list(
        "occupation_id", "county__teryt", "offers", "unemployed", "inflow", "outflow", "long_term"
    ),
    columns=["code", "teryt", "o", "b", "bn", "bo", "bd"],
)
read_s = time.perf_counter() - started
subregions = pd.DataFrame.from_records(
    Subregion.counties.through.objects.values_list("county__teryt", "subregion__code"),
    columns=["teryt", "territory"],
)
params = threshold_set.params


def classify(g: pd.DataFrame) -> np.ndarray:
    o, b, bn, bo, bd = (g[c].to_numpy(dtype=float) for c in ("o", "b", "bn", "bo", "bd"))
    outflow_above = np.where(bn == 0, bo > 0, bo > bn * params["deficit_fluidity_above"])
    outflow_below = (bn != 0) & (bo < bn * params["surplus_fluidity_below"])
    deficit = (
        (o > b * params["deficit_intensity_above"])
        & (bd < b * params["deficit_long_term_below"])
        & outflow_above
    )
    surplus = (
        (o < b * params["surplus_intensity_below"])
        & (bd >= b * params["surplus_long_term_at_least"])
        & outflow_below
    )
    return np.select(
        [(o == 0) & (b == 0), b == 0, o == 0, deficit, surplus],
        ["no_data", "max_deficit", "max_surplus", "deficit", "surplus"],
        default="balance",
    )


started = time.perf_counter()
parts = []
by_subregion = frame.merge(subregions, on="teryt")
for digits in LEVEL_DIGITS:
    prefix = frame["code"].str[:digits]
    for kind, source, territory in (
        ("county", frame, frame["teryt"]),
        ("subregion", by_subregion, by_subregion["territory"]),
        ("region", frame, pd.Series(settings.REGION_TERYT, index=frame.index)),
    ):
        keys = [source["code"].str[:digits] if kind == "subregion" else prefix, territory]
        g = source.groupby(keys)[["o", "b", "bn", "bo", "bd"]].sum().reset_index()
        g.columns = ["code", "territory", "o", "b", "bn", "bo", "bd"]
        b = g["b"].to_numpy(dtype=float)
        bn = g["bn"].to_numpy(dtype=float)
        with np.errstate(divide="ignore", invalid="ignore"):
            g["w"] = np.where(b == 0, np.nan, g["o"] / b)
            g["lts"] = np.where(b == 0, np.nan, g["bd"] / b)
            g["fl"] = np.where(bn == 0, np.nan, g["bo"] / bn)
        g["klass"] = classify(g)
        g["level"], g["kind"] = digits, kind
        parts.append(g)
pandas_result = pd.concat(parts, ignore_index=True)
pandas_s = time.perf_counter() - started
db_classes = dict(
    MzdinResult.objects.filter(period=period, threshold_set=threshold_set)
    .values_list("klass")
    .annotate(n=django.db.models.Count("pk"))
    .order_by()
)
pandas_classes = pandas_result["klass"].value_counts().to_dict()
same = len(pandas_result) == results and db_classes == pandas_classes
if not same:
    failures.append("pandas and the database disagree on the rows or classes")
# The database does strictly more than pandas here: it also classifies into and writes the
# 60,000 result rows, in one transaction, where pandas stops at a frame in memory.
ok = compute_s <= pandas_s + read_s
if not ok:
    failures.append(
        f"database compute {compute_s:.2f} s slower than pandas {pandas_s + read_s:.2f} s"
    )
out.append(
    f"| pandas, same aggregation ({len(pandas_result):,} rows; classes "
    f"{'match' if same else 'DIFFER'}) | {pandas_s:.2f} s + {read_s:.2f} s reading the rows "
    f"= **{pandas_s + read_s:.2f} s** | | |"
)
out.append(
    f"| database: the compute above (aggregate, classify and write) against pandas "
    f"| **{compute_s:.2f} s** vs {pandas_s + read_s:.2f} s | not slower than pandas "
    f"| {'ok' if ok else 'MISSED'} |"
)

# --- 4. The gap-analysis page ------------------------------------------------------------------
client = Client()
client.force_login(staff)
zary = County.objects.get(teryt="0811")
url = reverse("labour_market:gap_analysis") + f"?county={zary.teryt}"
first = client.get(url)
if first.status_code != 200:
    failures.append(f"gap page answered {first.status_code}")
times = []
for _ in range(5):
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        client.get(url)
        times.append((time.perf_counter() - started) * 1000)
median = statistics.median(times)
ok = median < PAGE_TARGET_MS
if not ok:
    failures.append(f"gap page {median:.0f} ms >= {PAGE_TARGET_MS:.0f} ms")
out.append(
    f"| gap analysis, powiat żarski, staff (median of 5; {len(queries.captured_queries)} "
    f"queries) | **{median:.0f} ms** | < {PAGE_TARGET_MS:.0f} ms | {'ok' if ok else 'MISSED'} |"
)
out.append("")
out.append(f"Load: {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f} {os.getloadavg()[2]:.2f}")
print("\n".join(out))
if failures:
    print("\nMissed: " + "; ".join(failures))
    sys.exit(1)
