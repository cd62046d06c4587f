# Per-group evaluation (raiassist, for $ids): check that sensitive_features lines up with
# y_true row by row, here the test rows of the "$attribute" column.
from fairlearn.metrics import MetricFrame, selection_rate
from sklearn.metrics import accuracy_score

by_group = MetricFrame(
    metrics={"accuracy": accuracy_score, "selection_rate": selection_rate},
    y_true=$y_true,
    y_pred=$y_pred,
    sensitive_features=$frame.loc[$y_true.index, "$attribute"],
)
print(by_group.by_group)
print("largest gap between groups:", by_group.difference().to_dict())
