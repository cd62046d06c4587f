"""Words that identify sensitive attributes, proxies, personal data and consequential domains
in column names and identifiers. Matching is by whole tokens, so `age` matches `Age`,
`age_group` and `applicant_age` but not `page` or `image`."""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import pairwise

_SPLIT = re.compile(
    r"[^A-Za-z0-9]+|(?<=[a-z])(?=[A-Z])|(?<=[A-Za-z])(?=[0-9])|(?<=[0-9])(?=[A-Za-z])"
)

SENSITIVE = {
    "sex": "sex",
    "female": "sex",
    "male": "sex",
    "females": "sex",
    "males": "sex",
    "gender": "gender",
    "genders": "gender",
    "nonbinary": "gender",
    "transgender": "gender",
    "race": "race",
    "racial": "race",
    "ethnicity": "ethnicity",
    "ethnic": "ethnicity",
    "hispanic": "ethnicity",
    "latino": "ethnicity",
    "latina": "ethnicity",
    "age": "age",
    "dob": "age",
    "birthdate": "age",
    "birthday": "age",
    "yob": "age",
    "religion": "religion",
    "religious": "religion",
    "disability": "disability",
    "disabled": "disability",
    "disabilities": "disability",
    "handicap": "disability",
    "marital": "marital status",
    "nationality": "nationality",
    "citizenship": "nationality",
    "immigrant": "nationality",
    "pregnancy": "pregnancy",
    "pregnant": "pregnancy",
    "maternity": "pregnancy",
    "lgbt": "sexual orientation",
    "lgbtq": "sexual orientation",
    "gay": "sexual orientation",
    "lesbian": "sexual orientation",
    "bisexual": "sexual orientation",
    "homosexual": "sexual orientation",
}
SENSITIVE_PAIRS = {
    ("date", "birth"): "age",
    ("birth", "date"): "age",
    ("year", "birth"): "age",
    ("native", "country"): "nationality",
    ("country", "birth"): "nationality",
    ("birth", "country"): "nationality",
    ("marital", "status"): "marital status",
    ("sexual", "orientation"): "sexual orientation",
}
PROXY = {
    "zip": "zip code",
    "zipcode": "zip code",
    "postcode": "postcode",
    "surname": "surname",
    "lastname": "surname",
    "firstname": "first name",
    "neighborhood": "neighbourhood",
    "neighbourhood": "neighbourhood",
    "tract": "census tract",
    "language": "language",
}
PROXY_PAIRS = {
    ("zip", "code"): "zip code",
    ("postal", "code"): "postcode",
    ("post", "code"): "postcode",
    ("last", "name"): "surname",
    ("family", "name"): "surname",
    ("first", "name"): "first name",
    ("given", "name"): "first name",
}
PERSONAL = {
    "telephone": "phone number",
    "ssn": "social security number",
    "passport": "passport number",
    "iban": "bank account",
}
PERSONAL_PAIRS = {
    ("e", "mail"): "email address",
    ("email", "address"): "email address",
    ("contact", "email"): "email address",
    ("customer", "email"): "email address",
    ("user", "email"): "email address",
    ("phone", "number"): "phone number",
    ("phone", "no"): "phone number",
    ("mobile", "number"): "phone number",
    ("cell", "phone"): "phone number",
    ("home", "phone"): "phone number",
    ("social", "security"): "social security number",
    ("national", "id"): "national ID",
    ("national", "insurance"): "national ID",
    ("ip", "address"): "IP address",
    ("ip", "addr"): "IP address",
    ("home", "address"): "address",
    ("street", "address"): "address",
    ("postal", "address"): "address",
    ("mailing", "address"): "address",
    ("billing", "address"): "address",
    ("shipping", "address"): "address",
    ("credit", "card"): "card number",
    ("card", "number"): "card number",
    ("account", "number"): "bank account",
    ("full", "name"): "full name",
    ("tax", "id"): "tax ID",
    ("driver", "license"): "driving licence",
    ("drivers", "license"): "driving licence",
    ("driving", "licence"): "driving licence",
}
# Names that are personal data when they are the whole column name, not a part of it
# (`email` is, `email_opt_in` is not; `phone` is, `phone_model` is not).
PERSONAL_WHOLE = {
    "name": "name",
    "names": "name",
    "customer_name": "name",
    "patient_name": "name",
    "email": "email address",
    "phone": "phone number",
    "address": "address",
    "street": "street address",
}
DOMAINS = {
    "credit": "credit and lending",
    "loan": "credit and lending",
    "loans": "credit and lending",
    "lending": "credit and lending",
    "lender": "credit and lending",
    "borrower": "credit and lending",
    "mortgage": "credit and lending",
    "underwriting": "credit and lending",
    "creditworthiness": "credit and lending",
    "fico": "credit and lending",
    "hire": "hiring",
    "hiring": "hiring",
    "hired": "hiring",
    "recruit": "hiring",
    "recruiting": "hiring",
    "recruitment": "hiring",
    "applicant": "hiring",
    "applicants": "hiring",
    "employee": "hiring",
    "employees": "hiring",
    "attrition": "hiring",
    "tenant": "housing",
    "tenants": "housing",
    "tenancy": "housing",
    "landlord": "housing",
    "eviction": "housing",
    "rental": "housing",
    "insurance": "insurance",
    "insurer": "insurance",
    "policyholder": "insurance",
    "admission": "education",
    "admissions": "education",
    "enrollment": "education",
    "enrolment": "education",
    "gpa": "education",
    "scholarship": "education",
    "patient": "healthcare",
    "patients": "healthcare",
    "clinical": "healthcare",
    "medical": "healthcare",
    "hospital": "healthcare",
    "triage": "healthcare",
    "readmission": "healthcare",
    "diagnosis": "healthcare",
    "diabetes": "healthcare",
    "cancer": "healthcare",
    "healthcare": "healthcare",
    "recidivism": "criminal justice",
    "recid": "criminal justice",
    "parole": "criminal justice",
    "bail": "criminal justice",
    "arrest": "criminal justice",
    "arrests": "criminal justice",
    "criminal": "criminal justice",
    "offender": "criminal justice",
    "compas": "criminal justice",
    "sentencing": "criminal justice",
    "inmate": "criminal justice",
    "welfare": "welfare",
    "eligibility": "welfare",
    "unemployment": "welfare",
}


_FILLER = frozenset({"of", "the", "a", "is", "in"})


@lru_cache(maxsize=65536)
def tokens(text: str) -> tuple[str, ...]:
    """Lower-case word tokens of an identifier or column name (`Sex_Male` -> sex, male)."""
    return tuple(t.lower() for t in _SPLIT.split(text) if t)


def match(text: str, single: dict[str, str], pairs: dict[tuple[str, str], str]) -> str | None:
    """The category a name falls in, by whole tokens or adjacent token pairs."""
    parts = [t for t in tokens(text) if t not in _FILLER]
    for pair in pairwise(parts):
        if pair in pairs:
            return pairs[pair]
    for part in parts:
        if part in single:
            return single[part]
    return None


NOT_A_PERSON = frozenset(
    {
        "housing",
        "house",
        "home",
        "building",
        "vehicle",
        "car",
        "account",
        "loan",
        "policy",
        "property",
        "product",
        "item",
        "asset",
        "file",
        "model",
        "tree",
        "equipment",
        "machine",
        "battery",
        "credit",
        "page",
        "cache",
        "token",
        "message",
        "session",
        "record",
        "max",
    }
)


@lru_cache(maxsize=65536)
def sensitive(text: str) -> str | None:
    found = match(text, SENSITIVE, SENSITIVE_PAIRS)
    if found == "age" and NOT_A_PERSON.intersection(tokens(text)):
        return None
    return found


@lru_cache(maxsize=65536)
def proxy(text: str) -> str | None:
    return match(text, PROXY, PROXY_PAIRS)


@lru_cache(maxsize=65536)
def personal(text: str) -> str | None:
    return PERSONAL_WHOLE.get(text.lower()) or match(text, PERSONAL, PERSONAL_PAIRS)


@lru_cache(maxsize=65536)
def domain(text: str) -> str | None:
    return match(text, DOMAINS, {})
