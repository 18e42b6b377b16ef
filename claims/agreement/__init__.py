"""Agreement between reviewers: the figures (pure functions over label triples) and the scopes they are
read for (the desk, an outlet, an article), each from one query of Label rows."""

from claims.agreement.figures import (
    Agreement,
    ConfusionMatrix,
    Figure,
    FleissKappa,
    NotComputable,
    ObservedAgreement,
    Ratings,
    agreement,
    cohen_kappa,
    confusion_matrix,
    fleiss_kappa,
    krippendorff_alpha,
    observed_agreement,
    rater_pairs,
)

__all__ = [
    "Agreement",
    "ConfusionMatrix",
    "Figure",
    "FleissKappa",
    "NotComputable",
    "ObservedAgreement",
    "Ratings",
    "agreement",
    "cohen_kappa",
    "confusion_matrix",
    "fleiss_kappa",
    "krippendorff_alpha",
    "observed_agreement",
    "rater_pairs",
]
