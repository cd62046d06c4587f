# Per-group evaluation (raiassist, for $ids): $note
from fairlearn.metrics import MetricFrame, selection_rate
from sklearn.metrics import accuracy_score

by_group = MetricFrame(
    metrics={"accuracy": accuracy_score, "selection_rate": selection_rate},
    y_true=$y_true
    y_pred=$y_pred
    sensitive_features=$features
)
print(by_group.by_group)
print("largest gap between groups:", by_group.difference().to_dict())
