"""The shipped training material, as a list of examples.

Codes are strings with leading zeros ("011001"); nothing here parses them as numbers.
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import io
import random
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"
HIERARCHY_PATH = DATA_DIR.parent.parent / "data" / "ojalab_kzis-hierarchy-2023.tsv"

ADS_FILE = "hand-coded-ads-train.csv.gz"
THESAURUS_FILE = "gus-thesaurus.csv.gz"
ESCO_FILE = "esco-kzis-selected.csv.gz"
DESCRIPTIONS_FILE = "desc_praca.gov.pl_2022-03-02.csv.gz"

SOURCES = ("ads", "thesaurus", "kzis", "esco", "desc", "correction")

_CODE = re.compile(r"^\d{6}$")
# Commas that separate thesaurus names; a comma inside parentheses belongs to the name.
_TOP_LEVEL_COMMA = re.compile(r",(?![^()]*\))")


@dataclass(frozen=True)
class Example:
    """One training example: a 6-digit code and a text.

    ``source`` is one of ``ads`` (hand-coded ads), ``thesaurus`` (a GUS thesaurus name),
    ``kzis`` (the official KZiS name), ``esco`` (ESCO names, description and skills), ``desc``
    (the official description from praca.gov.pl) or ``correction`` (an ad corrected by staff).
    """

    code: str
    title: str
    description: str = ""
    source: str = "ads"


def _read_csv(name: str, *, data_dir: Path = DATA_DIR) -> Iterator[dict[str, str]]:
    with gzip.open(data_dir / name, "rt", encoding="utf-8", newline="") as handle:
        yield from csv.DictReader(handle)


def load_ads(*, data_dir: Path = DATA_DIR) -> list[Example]:
    """The 9,963 hand-coded ads, in file order."""
    return [
        Example(row["code"], row["title"] or "", row["description"] or "", "ads")
        for row in _read_csv(ADS_FILE, data_dir=data_dir)
        if _CODE.match(row["code"] or "")
    ]


def load_hierarchy(path: Path = HIERARCHY_PATH) -> dict[str, str]:
    """Every KZiS 2023 class (1 to 6 digits) and its name."""
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle, delimiter="\t")
        return {row["class"].strip(): row["name"].strip() for row in reader if row["class"]}


def _thesaurus(data_dir: Path) -> Iterator[Example]:
    for row in _read_csv(THESAURUS_FILE, data_dir=data_dir):
        if not _CODE.match(row["code"]):
            continue
        for name in _TOP_LEVEL_COMMA.split(row["desc"]):
            name = " ".join(name.split())
            if name:
                yield Example(row["code"], name, "", "thesaurus")


def _esco(data_dir: Path) -> Iterator[Example]:
    names: dict[str, str] = {}
    texts: dict[str, list[str]] = defaultdict(list)
    rows = list(_read_csv(ESCO_FILE, data_dir=data_dir))
    for row in rows:
        if row["var"] == "occupation_name" and _CODE.match(row["code"]):
            names.setdefault(row["code"], row["desc"].strip())
            yield Example(row["code"], row["desc"].strip(), "", "esco")
    for row in rows:
        code, var, text = row["code"], row["var"], row["desc"].strip()
        if not _CODE.match(code) or not text:
            continue
        if var == "occupation_alternative_names":
            for name in text.split(";"):
                if name.strip():
                    yield Example(code, name.strip(), "", "esco")
        elif var in ("occupation_description", "skills"):
            texts[code].append(text)
    for code, parts in texts.items():
        yield Example(code, names.get(code, ""), " ".join(parts), "esco")


def _descriptions(data_dir: Path, hierarchy: dict[str, str]) -> Iterator[Example]:
    for row in _read_csv(DESCRIPTIONS_FILE, data_dir=data_dir):
        code, text = row["class"], row["desc"].strip()
        if _CODE.match(code) and text:
            yield Example(code, hierarchy.get(code, ""), text, "desc")


def load_auxiliary(
    *, data_dir: Path = DATA_DIR, hierarchy_path: Path = HIERARCHY_PATH
) -> list[Example]:
    """Thesaurus names, official KZiS names, ESCO names and texts, official descriptions."""
    hierarchy = load_hierarchy(hierarchy_path)
    examples: list[Example] = []
    examples.extend(_thesaurus(data_dir))
    examples.extend(
        Example(code, name, "", "kzis")
        for code, name in sorted(hierarchy.items())
        if len(code) == 6
    )
    examples.extend(_esco(data_dir))
    examples.extend(_descriptions(data_dir, hierarchy))
    return examples


def training_material(extra: Iterable[Example] = ()) -> list[Example]:
    """Ads + auxiliary texts + ``extra`` (typically staff corrections), in a stable order."""
    return load_ads() + load_auxiliary() + list(extra)


def data_hash(examples: Iterable[Example]) -> str:
    """sha256 over the examples, order included (the same material in the same order)."""
    digest = hashlib.sha256()
    buffer = io.StringIO()
    for example in examples:
        buffer.seek(0)
        buffer.truncate()
        for field in (example.code, example.title, example.description, example.source):
            buffer.write(str(len(field)))
            buffer.write(":")
            buffer.write(field)
        digest.update(buffer.getvalue().encode("utf-8"))
    return digest.hexdigest()


def subsample(examples: Iterable[Example], n: int, seed: int) -> list[Example]:
    """About ``n`` ads drawn code by code, plus every auxiliary example of the codes drawn.

    Codes are drawn in a seeded random order and all of a code's ads are kept until ``n`` ads
    are reached, so each code drawn has its full set of ads and texts (good for a small CI
    model that still recognises its codes).
    """
    examples = list(examples)
    by_code: dict[str, list[Example]] = defaultdict(list)
    for example in examples:
        if example.source in ("ads", "correction"):
            by_code[example.code].append(example)
    codes = sorted(by_code)
    random.Random(seed).shuffle(codes)
    chosen: set[str] = set()
    count = 0
    for code in codes:
        if count >= n:
            break
        chosen.add(code)
        count += len(by_code[code])
    return [example for example in examples if example.code in chosen]


def grouped_folds(examples: list[Example], n_folds: int, seed: int) -> list[int]:
    """A fold number (0..n_folds-1) for each ad, or -1 for "always in training".

    Identical ads (same normalised title and description) form one group and always share a
    fold. Each code's groups are dealt round-robin from a random fold, so every fold holds about
    1/n_folds of each code's ads (stratified by code) and, as long as a code has at most
    n_folds groups, at least one group of it stays in training whichever fold is held out.
    A code with a single group, and every non-ad example, gets -1: it can only be trained on.
    """
    from .text import duplicate_key

    rng = random.Random(seed)
    group_of: dict[str, int] = {}
    members: list[list[int]] = []
    for index, example in enumerate(examples):
        if example.source not in ("ads", "correction"):
            continue
        key = duplicate_key(example.title, example.description)
        if key not in group_of:
            group_of[key] = len(members)
            members.append([])
        members[group_of[key]].append(index)
    groups_by_code: dict[str, list[int]] = defaultdict(list)
    for group, indices in enumerate(members):
        codes = sorted(examples[i].code for i in indices)
        # A group whose copies were coded differently goes with its most frequent code.
        code = max(sorted(set(codes)), key=codes.count)
        groups_by_code[code].append(group)
    folds = [-1] * len(examples)
    for code in sorted(groups_by_code):
        groups = groups_by_code[code]
        if len(groups) < 2:
            continue
        rng.shuffle(groups)
        start = rng.randrange(n_folds)
        for position, group in enumerate(groups):
            for index in members[group]:
                folds[index] = (start + position) % n_folds
    return folds
