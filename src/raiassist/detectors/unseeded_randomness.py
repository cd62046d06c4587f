"""Signal `unseeded-randomness`: randomness that changes results (splits, model
initialisation, sampling) with no seed set for it, so an evaluation cannot be repeated."""

from __future__ import annotations

import ast
from typing import Final

from raiassist.detectors._helpers import has_keyword, short
from raiassist.names import keyword
from raiassist.scan import Context, Hit

NAME = "unseeded-randomness"
KIND: Final = "signal"
SEEDERS = {
    "numpy.random.seed": "numpy",
    "random.seed": "python",
    "torch.manual_seed": "torch",
    "torch.cuda.manual_seed": "torch",
    "torch.cuda.manual_seed_all": "torch",
    "tensorflow.random.set_seed": "tensorflow",
    "tf.random.set_seed": "tensorflow",
    "keras.utils.set_random_seed": "all",
    "tensorflow.keras.utils.set_random_seed": "all",
    "transformers.set_seed": "all",
    "lightning.seed_everything": "all",
    "pytorch_lightning.seed_everything": "all",
    "accelerate.utils.set_seed": "all",
    "lightning.pytorch.seed_everything": "all",
}
ESTIMATORS = frozenset(
    {
        "RandomForestClassifier",
        "RandomForestRegressor",
        "ExtraTreesClassifier",
        "ExtraTreesRegressor",
        "GradientBoostingClassifier",
        "GradientBoostingRegressor",
        "DecisionTreeClassifier",
        "DecisionTreeRegressor",
        "MLPClassifier",
        "MLPRegressor",
        "SGDClassifier",
        "SGDRegressor",
        "KMeans",
        "MiniBatchKMeans",
        "IsolationForest",
        "BaggingClassifier",
        "BaggingRegressor",
        "AdaBoostClassifier",
        "AdaBoostRegressor",
        "TSNE",
        "RandomizedSearchCV",
        "ShuffleSplit",
        "StratifiedShuffleSplit",
        "train_test_split",
    }
)
NUMPY_DRAWS = frozenset(
    {
        "rand",
        "randn",
        "randint",
        "choice",
        "shuffle",
        "permutation",
        "normal",
        "uniform",
        "binomial",
        "random",
        "random_sample",
    }
)
GENERATORS = frozenset({"default_rng", "RandomState", "Generator", "Random"})
TORCH_DRAWS = frozenset({"rand", "randn", "randint", "randperm", "bernoulli", "multinomial"})
PYTHON_DRAWS = frozenset(
    {"random", "choice", "choices", "shuffle", "sample", "randint", "uniform", "gauss"}
)
CALL_LASTS = frozenset(
    ESTIMATORS
    | NUMPY_DRAWS
    | PYTHON_DRAWS
    | {
        "KFold",
        "StratifiedKFold",
        "default_rng",
        "RandomState",
        "Generator",
        "Random",
        "randperm",
        "bernoulli",
        "multinomial",
        "DataLoader",
        "manual_seed",
        "seed",
        "set_seed",
        "seed_everything",
        "set_random_seed",
        "manual_seed_all",
        "fit",
    }
)


def on_call(node: ast.Call, resolved: str, ctx: Context) -> None:
    plain = short(resolved)
    final = plain.rsplit(".", 1)[-1]
    seeded = ctx.state.setdefault("seeded-families", set())
    if plain in SEEDERS:
        seeded.add(SEEDERS[plain])
        return
    family = _family(node, plain, final, ctx)
    if family:
        ctx.state.setdefault("random-draws", []).append((family, ctx.at(node), plain))


def _family(node: ast.Call, plain: str, final: str, ctx: Context) -> str | None:
    seed_given = has_keyword(node, "random_state", "seed", "generator")
    if final in GENERATORS:
        return None if node.args or seed_given else "unseedable"
    if any(f".{g}." in f".{plain}." for g in GENERATORS):
        return None  # a draw from a generator object: its construction decides
    if final in ("train_test_split", "KFold", "StratifiedKFold", "DataLoader") and _is_false(
        keyword(node, "shuffle")
    ):
        return None
    if plain.startswith("sklearn") and final in ESTIMATORS and not seed_given:
        return "numpy"
    if final in ("KFold", "StratifiedKFold") and has_keyword(node, "shuffle") and not seed_given:
        return "numpy"
    if plain.startswith("numpy.random.") and final in NUMPY_DRAWS:
        return "numpy"
    if final == "sample" and has_keyword(node, "frac", "n") and not seed_given:
        return "numpy"  # DataFrame.sample
    if plain.startswith("torch.") and final in TORCH_DRAWS:
        return "torch"
    if plain.startswith("random.") and final in PYTHON_DRAWS:
        return "python"
    if final == "DataLoader" and has_keyword(node, "shuffle") and not seed_given:
        return "torch"
    if final == "fit" and (ctx.names.imported("tensorflow") or ctx.names.imported("keras")):
        return "tensorflow"
    return None


def on_finish(ctx: Context) -> None:
    seeded = ctx.state.get("seeded-families", set())
    reported = 0
    for family, location, plain in ctx.state.get("random-draws", []):
        if family in seeded or ("all" in seeded and family != "unseedable") or reported >= 3:
            continue
        reported += 1
        detail = f"{plain} draws random numbers without a seed"
        ctx.hits.append(Hit(NAME, KIND, location, detail, family))


def _is_false(node: ast.AST | None) -> bool:
    return isinstance(node, ast.Constant) and node.value is False
