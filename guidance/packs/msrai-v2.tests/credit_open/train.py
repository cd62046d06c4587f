"""A loan-approval classifier trained on applicant data that carries `sex`, scored with
accuracy alone and exported, with no documents, no per-group evaluation and no seeds: every
requirement this code brings in is open.

# rai-test: A1.1 open, A2.2 open, A3.1 open, A3.2 open, A3.3 open, A3.4 open, A3.5 open
# rai-test: A3.6 open, A4.1 open, A4.2 open, A4.3 open, A4.4 open, A4.5 open, A5.1 open
# rai-test: A5.2 open, A5.5 open, T1.1 open, T1.2 open, T1.4 open, T2.1 open, T2.2 open
# rai-test: F1.1 open, F1.2 open, F1.3 open, F1.4 open, F1.5 open, F1.6 open, F1.7 open
# rai-test: F1.8 open, F1.9 open, F2.1 open, F2.2 open, F2.3 open, F2.4 open, F2.5 open
# rai-test: F2.6 open, F2.7 open, F2.8 open, F2.9 open, RS1.1 open, RS1.2 open, RS1.3 open
# rai-test: RS1.4 open, RS1.5 open, RS1.6 open, RS1.7 open, RS1.9 open, RS2.1 open
# rai-test: RS2.2 open, RS2.3 open, RS3.1 open, RS3.2 open, RS3.5 open
# Attestation-only requirements apply too, and stay open until someone answers them:
# rai-test: A1.2 open, A2.1 open, A5.3 open, T1.3 open, T2.3 open, RS1.8 open, RS3.3 open
# No language model and no generated media here, so the generative requirements stay out:
# rai-test-not: T3.1, T3.2, T3.3, T3.4, T3.5, F3.1, F3.2, F3.3, F3.4, F3.5, F3.6, F3.7
"""

import joblib
import pandas as pd
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score
from sklearn.model_selection import train_test_split

applicants = pd.read_csv("data/loan_applications.csv")
features = applicants[["income", "debt_ratio", "age", "sex", "employment_years"]]
approved = applicants["loan_approved"]

X_train, X_test, y_train, y_test = train_test_split(features, approved, test_size=0.25)
model = LogisticRegression(max_iter=500).fit(X_train, y_train)
print("accuracy", accuracy_score(y_test, model.predict(X_test)))
joblib.dump(model, "loan_approval.joblib")
