"""A billing assistant that answers customers through a hosted language model, with no
disclosure, no content filter and no documents: the generative requirements are open.

# rai-test: T3.1 open, T3.2 open, T3.4 open, F3.1 open, F3.2 open, F3.3 open, F3.4 open
# rai-test: F3.5 open, F3.6 open, F3.7 open, T2.2 open, RS2.3 open, RS3.1 open, RS3.2 open
# rai-test: T3.3 open, T3.5 open
# No training and no tabular data about people: those requirements stay out.
# rai-test-not: A3.2, A3.5, A4.2, A4.5, F1.5, F2.5, T1.1, T1.2, RS1.1
"""

from openai import OpenAI

client = OpenAI()

SYSTEM_PROMPT = "You answer questions about invoices and payment plans in two sentences."


def answer(question: str) -> str:
    response = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[
            {"role": "system", "content": SYSTEM_PROMPT},
            {"role": "user", "content": question},
        ],
    )
    return response.choices[0].message.content or ""
