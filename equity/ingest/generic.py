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

**Age adjustment.** Where a file gives an indicator (a percent or a rate per 1,000 or 100,000) by age
(``group_dim`` ``age``) with a numerator and denominator for every age group, and the age groups are
whole groups of the 2000 U.S. standard population (``<1``, ``1-4``, ``5-14``, ``15-24``, ..., ``85+``,
coarser unions of them such as ``25-44`` or ``65+``, and 15-24 split at 18 for adult data: ``18-24``,
``0-17``), the load adds its age-adjusted whole-population value as a companion indicator ``<id>_aa``
("... (age-adjusted)", measure_type ``age_adjusted``): the direct method with the standard's weights
(equity.stats.standard_weights), and for percents the Korn-Graubard interval, for rates the Fay-Feuer
gamma interval. The counts are taken as people counted, not survey-weighted estimates. Where the groups
do not line up, or counts are missing, nothing is derived and nothing is refused; the load report says
why. A file that brings its own ``<id>_aa`` keeps it.
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd

from equity import stats
from equity.ingest.build import INDICATOR_COLUMNS, Batch, assemble
from equity.ingest.read import IngestError, geoid, numbers, read_csv, refuse_first, sha256

REQUIRED = ["area_id", "indicator_id", "period", "value"]
UNITS = {"percent", "per_1k", "per_100k", "years", "dollars", "index"}
FLAGS = {"", "suppressed", "unreliable", "no_data"}
TRUE, FALSE = {"true", "yes", "1", "y"}, {"false", "no", "0", "n"}


def read(
    files: list[Path], source: dict, known_indicators: set[str], known_meta: pd.DataFrame | None = None
) -> Batch:
    """The files' values and new indicators, with age-adjusted companions derived where the file's age
    groups allow. ``known_meta`` (indexed by indicator_id) describes indicators the database already
    has, for companions of indicators the file does not declare."""
    frames = [_read_one(Path(f), source["source_id"], known_indicators) for f in files]
    values = pd.concat([v for v, _ in frames], ignore_index=True)
    indicators = pd.concat([i for _, i in frames], ignore_index=True).drop_duplicates("indicator_id")
    batch = assemble(
        files,
        source,
        values,
        indicators,
        key=["indicator_id", "area_id", "period", "group_dim", "group_label"],
        twice="the same indicator, area, year and group appear twice",
        expected="one row for each",
        dated=False,
    )
    described = pd.concat(
        [indicators.set_index("indicator_id"), known_meta if known_meta is not None else None]
    )
    adjusted, adjusted_meta, notes = age_adjusted_companions(
        batch.values, described[~described.index.duplicated()], source["source_id"]
    )
    if len(adjusted_meta):
        indicators = pd.concat([indicators, adjusted_meta], ignore_index=True)
    batch.indicators = indicators if len(indicators) else None
    batch.derived = adjusted if len(adjusted) else None
    batch.notes = notes
    return batch


def age_adjusted_companions(
    values: pd.DataFrame, described: pd.DataFrame, source_id: str
) -> tuple[pd.DataFrame, pd.DataFrame, list[str]]:
    """Age-adjusted whole-population values ``<id>_aa`` for the indicators given by age in ``values``,
    their catalogue rows, and a note for each indicator: derived, or why not.

    ``described`` is indexed by indicator_id with unit, label, description, domain, higher_is_worse and
    measure_type. Companions belong to ``source_id``, the load that brings their values. The numerator
    and denominator of a derived value are the age groups' sums, so the small-number rules judge it on
    its total (and equity.privacy withholds it with its base and its age groups)."""
    by_age = values[values["group_dim"] == "age"]
    present = set(values["indicator_id"])
    frames, metas, notes = [], [], []
    for ind, rows in by_age.groupby("indicator_id", sort=True):
        meta = described.loc[ind] if ind in described.index else None
        labels = list(dict.fromkeys(rows["group_label"]))
        if meta is None or meta["unit"] not in PER or meta["measure_type"] != "crude":
            continue  # only crude percents and rates can be age-adjusted
        if f"{ind}_aa" in present:
            notes.append(f"{ind}: the file gives its own {ind}_aa, so none was derived")
            continue
        try:
            weights = stats.standard_weights(labels)
        except ValueError as exc:
            notes.append(f"{ind}: not age-adjusted, {exc}")
            continue
        if rows["numerator"].isna().all() or rows["denominator"].isna().all():
            notes.append(f"{ind}: not age-adjusted, its age groups have no numerators and denominators")
            continue
        frames.append(_adjusted_values(ind, rows, weights, meta["unit"]))
        metas.append(_adjusted_meta(ind, meta, labels, source_id))
        notes.append(
            f"{ind}: added {ind}_aa, age-adjusted to the 2000 U.S. standard population from its age groups "
            + ", ".join(labels)
        )
    values_out = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=values.columns)
    return values_out, pd.DataFrame(metas, columns=INDICATOR_COLUMNS), notes


PER = {"percent": None, "per_1k": 1_000.0, "per_100k": 100_000.0}  # units that can be age-adjusted


def _adjusted_values(ind: str, rows: pd.DataFrame, weights: pd.Series, unit: str) -> pd.DataFrame:
    """One whole-population row per area and year that has the indicator by age."""
    key = ["area_id", "period"]
    wide = rows.set_index([*key, "group_label"])[["numerator", "denominator"]].unstack("group_label")
    num = wide["numerator"].reindex(columns=weights.index)
    den = wide["denominator"].reindex(columns=weights.index)
    suppressed = rows.assign(s=rows["flag"].eq("suppressed")).groupby(key)["s"].any().reindex(num.index)
    complete = (num.notna() & den.notna()).all(axis=1).to_numpy()
    if unit == "percent":
        value, low, high, se = stats.age_adjusted_proportion(
            num.fillna(0), den.fillna(0), weights, return_se=True
        )
        value, low, high, se = (100 * np.asarray(a) for a in (value, low, high, se))
    else:
        value, low, high, se = (
            np.asarray(a)
            for a in stats.age_adjusted_rate(
                num.fillna(0), den.fillna(0), weights, per=PER[unit], return_se=True
            )
        )
    total_num, total_den = num.sum(axis=1, min_count=1).to_numpy(), den.sum(axis=1, min_count=1).to_numpy()
    empty_group = (den == 0).any(axis=1).to_numpy()
    with np.errstate(divide="ignore", invalid="ignore"):
        rse = se / value
    flag = pd.Series(None, index=num.index, dtype=object)
    # Last rule first, so the first that applies wins: why a value is absent outranks that it is weak.
    for rule, words in (
        (~(rse <= stats.UNRELIABLE_RSE), "unreliable"),
        (np.isnan(value), "no_data"),
        (np.isnan(value) & empty_group, "suppressed"),  # nobody in some age group: too few to adjust
        (~complete | (total_den == 0), "no_data"),
        (~complete & suppressed.fillna(False).to_numpy(), "suppressed"),
    ):
        flag[rule] = words
    flag = flag.to_numpy()
    absent = np.isin(flag, ["suppressed", "no_data"])
    index = num.index.to_frame(index=False)
    return pd.DataFrame(
        {
            "indicator_id": f"{ind}_aa",
            "area_id": index["area_id"],
            "period": index["period"].astype(int),
            "group_dim": "all",
            "group_label": "All",
            "value": np.where(absent, np.nan, value),
            "ci_low": np.where(absent, np.nan, low),
            "ci_high": np.where(absent, np.nan, high),
            "numerator": np.where(complete, total_num, np.nan),
            "denominator": np.where(complete, total_den, np.nan),
            "flag": flag,
        }
    )


def _adjusted_meta(ind: str, meta: pd.Series, labels: list[str], source_id: str) -> dict:
    return {
        "indicator_id": f"{ind}_aa",
        "label": f"{meta['label']} (age-adjusted)",
        "description": f"{str(meta['description']).rstrip('.')}. Age-adjusted by the direct method to the "
        f"2000 U.S. standard population from the age groups {', '.join(labels)}.",
        "domain": meta["domain"],
        "unit": meta["unit"],
        "higher_is_worse": bool(meta["higher_is_worse"]),
        "source_id": source_id,
        "measure_type": "age_adjusted",
    }


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
