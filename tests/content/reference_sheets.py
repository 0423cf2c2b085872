"""The reference fact sheets and what the list deliberately does with them (one place for both).

The sheets (tests/fixtures/reference/, copies of ../shared/reference/, which a fresh clone in CI does not
have) record each publication with the evidence for it. The list takes a sheet's facts exactly, except
where this module says otherwise, with the reason:

- LEFT_OUT: items that are not in the list at all;
- TRIMMED: fields of an item that the list leaves out or holds in a reduced form. For a `partial` item
  these are the fields its notes say were seen only indirectly (the sheets' README: leave them out); a
  URL replaced because it embedded a left-out identifier comes from the item's own evidence.

Two rules apply to every item and need no entry here: authors seen only as "et al." end with `others`,
and a framework links to its repository (CONTRIBUTING.md), not to the documentation page on the sheet.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
FIXTURE_SHEETS = ROOT / "tests" / "fixtures" / "reference"
SHARED_SHEETS = ROOT.parent / "shared" / "reference"

BASE = "verified-entries.yaml"
QUANTIZATION = "verified-quantization.yaml"
ARITHMETIC_HW = "verified-approx-arithmetic-hw.yaml"
LOWRANK_DYNAMIC = "verified-lowrank-dynamic-surveys.yaml"
SHEETS = (BASE, QUANTIZATION, ARITHMETIC_HW, LOWRANK_DYNAMIC)

FRAMEWORKS = "Approximations Frameworks"

SHEET_CATEGORY = {
    "Best Surveys": "best-surveys",
    FRAMEWORKS: "approximations-frameworks",
    "Evaluation and Simulation Frameworks": "evaluation-simulation-frameworks",
    "Dedicated HW": "dedicated-hw",
    "Pruning / Unstructured": "unstructured",
    "Pruning / Structured - Sub-kernel": "structured-sub-kernel",
    "Pruning / Structured - Kernel": "structured-kernel",
    "Pruning / Structured - Filter": "structured-filter",
    "Pruning / Structured - Hardware Friendly Structure": "structured-hardware-friendly",
    "Quantization - Post-Training": "post-training-quantization",
    "Quantization - Quantization-Aware Training": "quantization-aware-training",
    "Quantization - Binary and Ternary": "binary-ternary",
    "Approximate Arithmetic": "approximate-arithmetic",
    "Low-Rank Approximation": "low-rank",
    "Weight Sharing and Clustering": "weight-sharing",
    "Input-Dependent Computation": "input-dependent",
}
"""The sheets' category names -> ids in data/categories.yaml."""

NO_LINK = "no arXiv id, no DOI and no page of the paper itself on the sheet, so nothing to link"

LEFT_OUT = {
    (BASE, "Cambricon-X: An Accelerator for Sparse Neural Networks"): NO_LINK,
    (BASE, "Exploring Sparsity in Recurrent Neural Networks"):
        "no arXiv id, no DOI and no official page on the sheet (only a document-sharing copy)",
    (BASE, "TETRIS: TilE-matching the TRemendous Irregular Sparsity"): NO_LINK,
    (LOWRANK_DYNAMIC, "Approximate computing and the quest for computing efficiency"):
        "year and venue were seen only in GitHub reference lists, and Best Surveys cites every paper "
        "with its year",
}
"""Sheet items (not `unverified`) deliberately not in the list, with the reason."""


@dataclass(frozen=True)
class Trim:
    """A field the list leaves out (kept is None) or holds in a reduced form (kept), and why."""

    field: str
    reason: str
    kept: object = None
    evidence: str = ""  # for a replaced url: the address, as the item's evidence names it


INDIRECT = "seen only in GitHub reference lists or third-party notes (notes of a partial item)"

TRIMMED: dict[tuple[str, str], tuple[Trim, ...]] = {
    (BASE, "Sparsity in Deep Learning: Pruning and growth for efficient inference and training in neural "
           "networks"): (Trim("code", "the sheet's link is a paper list, not code"),),
    (BASE, "Movement Pruning: Adaptive Sparsity by Fine-Tuning"):
        (Trim("code", "the sheet doubts the examples path still exists"),),
    (QUANTIZATION, "ZeroQ: A Novel Zero Shot Quantization Framework"):
        (Trim("venue", "CVPR 2020 and its pages " + INDIRECT),),
    (QUANTIZATION, "Incremental Network Quantization: Towards Lossless CNNs with Low-Precision Weights"): (
        Trim("venue", "ICLR 2017 " + INDIRECT + "; the authors' own BibTeX names another venue"),
        Trim("arxiv", "the arXiv id was " + INDIRECT + " (no arXiv page seen)"),
        Trim("url", "the arXiv link embeds the left-out id: the authors' repository instead (not as code, "
                    "which was not released there)",
             "https://github.com/AojunZhou/Incremental-Network-Quantization",
             "AojunZhou/Incremental-Network-Quantization"),
    ),
    (QUANTIZATION, "XNOR-Net: ImageNet Classification Using Binary Convolutional Neural Networks"):
        (Trim("venue", "ECCV 2016 " + INDIRECT),),
    (ARITHMETIC_HW, "Timeloop: A Systematic Approach to DNN Accelerator Evaluation"): (
        Trim("authors", "the full author list " + INDIRECT + "; the NVIDIA page names only some"),
        Trim("venue", "the page range " + INDIRECT,
             "2019 IEEE International Symposium on Performance Analysis of Systems and Software (ISPASS)"),
        Trim("doi", "the DOI came from a single GitHub reference list"),
        Trim("url", "the doi.org link embeds the left-out DOI: the NVIDIA Research page instead",
             "https://research.nvidia.com/publication/2019-03_timeloop-systematic-approach-dnn-accelerator-"
             "evaluation",
             "https://research.nvidia.com/publication/2019-03_timeloop-systematic-approach-dnn-accelerator-"
             "evaluation"),
    ),
    (ARITHMETIC_HW, "Understanding Reuse, Performance, and Hardware Cost of DNN Dataflows: A Data-Centric "
                    "Approach"): (
        Trim("venue", "MICRO 2019 " + INDIRECT),
        Trim("doi", "the ACM DOI " + INDIRECT),
    ),
    (ARITHMETIC_HW, "Stripes: Bit-Serial Deep Neural Network Computing"):
        (Trim("authors", "the five full names " + INDIRECT + "; other pages show only 'Judd et al.'",
              ("Judd", "others")),),
    (ARITHMETIC_HW, "In-Datacenter Performance Analysis of a Tensor Processing Unit"): (
        Trim("arxiv", "the arXiv id " + INDIRECT),
        Trim("url", "the arXiv link embeds the left-out id: the Google Research page instead",
             "http://research.google/pubs/in-datacenter-performance-analysis-of-a-tensor-processing-unit",
             "http://research.google/pubs/in-datacenter-performance-analysis-of-a-tensor-processing-unit"),
    ),
    (LOWRANK_DYNAMIC, "ASVD: Activation-aware Singular Value Decomposition for Compressing Large Language "
                      "Models"):
        (Trim("authors", "the sources disagree after the third author (a later version adds Dawei Yang)",
              ("Zhihang Yuan", "Yuzhang Shang", "Yue Song", "others")),),
    (LOWRANK_DYNAMIC, "DKM: Differentiable K-Means Clustering Layer for Neural Network Compression"):
        (Trim("venue", "ICLR 2022 seen only in a third-party re-implementation's README"),),
}
"""Fields of sheet items that the list leaves out or reduces, keyed by (sheet, title)."""


def read_sheet(name: str, folder: Path = FIXTURE_SHEETS) -> list[dict]:
    return yaml.safe_load((folder / name).read_text("utf-8"))


def in_scope(item: dict) -> bool:
    """Items whose facts the list may use: `verified` and `partial` ones, never `unverified` ones."""
    return item["status"] != "unverified"


def trims_of(sheet: str, item: dict) -> dict[str, Trim]:
    return {trim.field: trim for trim in TRIMMED.get((sheet, item["title"]), ())}


SHEET_KEYS = {"title": "title", "year": "year", "authors": "authors", "venue": "venue", "arxiv": "arxiv_id",
              "doi": "doi", "ieee": "ieee_document", "code": "code"}
"""Entry field -> the sheets' key for it."""


def sheet_authors(item: dict) -> tuple[str, ...] | None:
    """The authors as the list writes them: a trailing 'et al. (...)' of the sheet becomes `others`."""
    authors = item.get("authors")
    if not authors:
        return None
    return tuple("others" if name.lower().startswith("et al") else name for name in authors)


def expected_facts(sheet: str, item: dict) -> dict[str, object]:
    """What the entry for a sheet item holds, field by field (None: the field is absent). `url` is in it
    only when the sheet gives one or the item is a framework."""
    facts: dict[str, object] = {field: item.get(key) for field, key in SHEET_KEYS.items()}
    facts["authors"] = sheet_authors(item)
    if item["category"] == FRAMEWORKS:
        facts["url"] = item.get("code")
    elif item.get("url"):
        facts["url"] = item["url"]
    for field, trim in trims_of(sheet, item).items():
        facts[field] = trim.kept
    return facts
