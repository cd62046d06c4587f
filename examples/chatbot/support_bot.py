"""A billing-support assistant: answers customers' questions about their invoices."""

from openai import OpenAI

client = OpenAI()

SYSTEM_PROMPT = (
    "You answer questions about Contoso invoices and payment plans. Keep answers short and "
    "point to the billing page for anything you cannot answer."
)


def answer(question: str) -> str:
    """One answer from the model for one customer question."""
    response = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[
            {"role": "system", "content": SYSTEM_PROMPT},
            {"role": "user", "content": question},
        ],
    )
    return response.choices[0].message.content or ""


if __name__ == "__main__":
    print(answer("Why did my invoice go up this month?"))
