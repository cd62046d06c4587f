"""The billing assistant with its disclosure, a content filter, robustness tests and its
documents: the generative requirements with code or document evidence are met.

# rai-test: T3.1 met, T3.2 met, T3.4 met, F3.1 met, F3.2 met, F3.3 met, F3.4 met, F3.5 met
# rai-test: F3.6 met, F3.7 met, T2.2 met, RS2.3 met, RS3.1 met, RS3.2 met
"""

import giskard
import mlflow
from openai import OpenAI

client = OpenAI()

GREETING = "Hi! You are chatting with a virtual assistant. Type 'agent' to reach a person."
SYSTEM_PROMPT = "You answer questions about invoices and payment plans in two sentences."


def answer(question: str) -> str:
    verdict = client.moderations.create(model="omni-moderation-latest", input=question)
    if verdict.results[0].flagged:
        return "I cannot help with that; a person from billing will get back to you."
    response = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[
            {"role": "system", "content": SYSTEM_PROMPT},
            {"role": "user", "content": question},
        ],
    )
    return response.choices[0].message.content or ""


def robustness(giskard_model: object, giskard_dataset: object) -> None:
    scan_report = giskard.scan(giskard_model, giskard_dataset)
    mlflow.log_dict(scan_report.to_dict(), "robustness.json")
