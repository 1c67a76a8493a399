"""The generic long table (kind ``indicators``): one row per area, indicator, year and group.

Columns (a header row, comma-separated, UTF-8 or Latin-1):

=================  =========  =====================================================================
column             required   meaning
=================  =========  =====================================================================
area_id            yes        Census GEOID (leading zeros optional), a ZCTA as ``Z02134``, an id of
                              your own areas, or ``US`` for the nation (a benchmark places are
                              compared with)
indicator_id       yes        short id, lower case: ``uninsured``, ``asthma_ed_visits``
period             yes        the year, e.g. 2023
value              yes        the estimate; empty where there is none (give ``flag``)
group_dim          no         ``all`` (default), ``race_ethnicity``, ``income``, ``age``, ``sex``, ...
group_label        no         the group, e.g. ``Hispanic or Latino``; ``All`` for everyone
ci_low, ci_high    no         the published 95% interval
numerator          no         the count behind the value (used to protect small numbers)
denominator        no         the people counted
flag               no         ``suppressed``, ``unreliable`` or ``no_data``
label              for new    plain-words name of a new indicator
unit               for new    ``percent``, ``per_1k``, ``per_100k``, ``years`` or ``index``
higher_is_worse    for new    ``true`` or ``false``
domain             no         e.g. ``Access to care``
description        no         one sentence saying whom it counts
measure_type       no         ``crude`` (default) or ``age_adjusted``
=================  =========  =====================================================================
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from equity.ingest.core import (
    INDICATOR_COLUMNS,
    Batch,
    IngestError,
    geoid,
    numbers,
    read_csv,
    refuse_first,
    sha256,
)

REQUIRED = ["area_id", "indicator_id", "period", "value"]
UNITS = {"percent", "per_1k", "per_100k", "years", "index"}
FLAGS = {"", "suppressed", "unreliable", "no_data"}
TRUE, FALSE = {"true", "yes", "1", "y"}, {"false", "no", "0", "n"}


def read(files: list[Path], source: dict, known_indicators: set[str]) -> Batch:
    frames = [_read_one(Path(f), source["source_id"], known_indicators) for f in files]
    values = pd.concat([v for v, _ in frames], ignore_index=True)
    indicators = pd.concat([i for _, i in frames], ignore_index=True).drop_duplicates("indicator_id")
    key = ["indicator_id", "area_id", "period", "group_dim", "group_label"]
    dup = values.duplicated(key, keep=False)
    if dup.any():
        first = values[dup].iloc[0]
        raise IngestError(
            first["_file"],
            "the same indicator, area, year and group appear twice",
            row=int(first["_row"]),
            value=" / ".join(str(first[k]) for k in key),
            expected="one row for each",
        )
    return Batch(
        source=source,
        indicators=indicators if len(indicators) else None,
        values=values.drop(columns=["_file", "_row"]),
        files=[Path(f).name for f in files],
        rows_read=len(values),
    )


def _read_one(path: Path, source_id: str, known: set[str]) -> tuple[pd.DataFrame, pd.DataFrame]:
    df = read_csv(path, REQUIRED)
    out = pd.DataFrame({"area_id": geoid(df["area_id"]), "indicator_id": df["indicator_id"].str.strip()})
    bad_id = ~out["indicator_id"].str.fullmatch(r"[a-z][a-z0-9_]{0,63}")
    refuse_first(
        path,
        bad_id,
        "not a usable indicator id",
        column="indicator_id",
        values=df["indicator_id"],
        expected="lower-case letters, digits and _",
    )
    refuse_first(
        path,
        out["area_id"].eq(""),
        "an area id is missing",
        column="area_id",
        expected="a GEOID or an id of your own",
    )
    period = df["period"].str.strip()
    bad = ~period.str.fullmatch(r"(19|20)\d\d")
    refuse_first(
        path,
        bad,
        "not a year",
        column="period",
        values=df["period"],
        expected="a four-digit year such as 2023",
    )
    out["period"] = period.astype(int)
    out["group_dim"] = df.get("group_dim", pd.Series("all", index=df.index)).str.strip().replace("", "all")
    out["group_label"] = df.get("group_label", pd.Series("All", index=df.index)).str.strip()
    out.loc[out["group_dim"] == "all", "group_label"] = "All"
    out["value"] = numbers(df, "value", path, required=False)
    for column in ("ci_low", "ci_high", "numerator", "denominator"):
        out[column] = numbers(df, column, path, required=False) if column in df else float("nan")
    flag = df.get("flag", pd.Series("", index=df.index)).str.strip().str.lower()
    bad = ~flag.isin(FLAGS)
    refuse_first(
        path,
        bad,
        "unknown flag",
        column="flag",
        values=flag,
        expected="suppressed, unreliable, no_data or empty",
    )
    out["flag"] = flag.replace("", None)
    no_value = out["value"].isna() & out["flag"].isna()
    out.loc[no_value, "flag"] = "no_data"
    for column in ("numerator", "denominator"):
        negative = out[column] < 0
        refuse_first(
            path,
            negative,
            "a count cannot be negative",
            column=column,
            values=df.get(column),  # the column is optional; absent, nothing is negative
            expected="0 or more",
        )
    out["_file"], out["_row"] = str(path), range(2, len(df) + 2)
    return out, _indicators(df, path, source_id, known)


def _indicators(df: pd.DataFrame, path: Path, source_id: str, known: set[str]) -> pd.DataFrame:
    """Metadata of the indicators this file declares (the first row of each gives it)."""
    firsts = df.assign(row_number=range(2, len(df) + 2)).drop_duplicates("indicator_id")
    rows = []
    for r in firsts.itertuples(index=False):
        meta = r._asdict()
        ind = meta["indicator_id"].strip()
        if not meta.get("label") and ind in known:
            continue  # an indicator the database already describes
        for column in ("label", "unit", "higher_is_worse"):
            if not str(meta.get(column, "")).strip():
                raise IngestError(
                    path,
                    f"the new indicator {ind!r} needs a {column}",
                    row=meta["row_number"],
                    column=column,
                    expected="the columns label, unit and higher_is_worse on its first row",
                )
        unit = meta["unit"].strip().lower()
        if unit not in UNITS:
            raise IngestError(
                path,
                "unknown unit",
                row=meta["row_number"],
                column="unit",
                value=meta["unit"],
                expected=", ".join(sorted(UNITS)),
            )
        worse = meta["higher_is_worse"].strip().lower()
        if worse not in TRUE | FALSE:
            raise IngestError(
                path,
                "not true or false",
                row=meta["row_number"],
                column="higher_is_worse",
                value=meta["higher_is_worse"],
                expected="true or false",
            )
        measure = (meta.get("measure_type") or "crude").strip().lower() or "crude"
        if measure not in ("crude", "age_adjusted"):
            raise IngestError(
                path,
                "unknown measure type",
                row=meta["row_number"],
                column="measure_type",
                value=measure,
                expected="crude or age_adjusted",
            )
        label = re.sub(r"\s+", " ", meta["label"]).strip()
        rows.append(
            {
                "indicator_id": ind,
                "label": label,
                "description": (meta.get("description") or "").strip() or label + ".",
                "domain": (meta.get("domain") or "").strip() or "Other",
                "unit": unit,
                "higher_is_worse": worse in TRUE,
                "source_id": source_id,
                "measure_type": measure,
            }
        )
    return pd.DataFrame(rows, columns=INDICATOR_COLUMNS)


def source_for(
    files: list[Path],
    *,
    source_id: str | None = None,
    name: str | None = None,
    publisher: str | None = None,
    vintage: str | None = None,
    url: str | None = None,
    license: str | None = None,
) -> dict:
    """The ``sources`` row for a load: what the command line says, else what the file name suggests."""
    first = Path(files[0])
    return {
        "source_id": source_id
        or re.sub(r"[^a-z0-9]+", "_", first.stem.lower()).strip("_")[:60]
        or "own_data",
        "name": name or first.stem,
        "publisher": publisher or "Your organisation",
        "vintage": vintage or "unknown",
        "url": url,
        "license": license,
        "file_sha256": ",".join(sha256(Path(f)) for f in files),
        "rows": None,
        "imported_at": pd.Timestamp.now(tz="UTC").tz_localize(None).floor("s"),
    }
