"""Signal `calls-llm-api`: a call to a large language model, hosted or local."""

from __future__ import annotations

import ast
import re
from typing import Final

from raiassist.detectors._helpers import short
from raiassist.names import constant_string, keyword
from raiassist.scan import Context, Hit

NAME = "calls-llm-api"
KIND: Final = "signal"
PROVIDERS = (
    "openai",
    "anthropic",
    "google.generativeai",
    "google.genai",
    "vertexai",
    "langchain",
    "langchain_openai",
    "langchain_anthropic",
    "langchain_google_genai",
    "langchain_community",
    "langchain_core",
    "llama_index",
    "cohere",
    "mistralai",
    "litellm",
    "ollama",
    "groq",
    "together",
    "boto3",
)
GENERATE = frozenset(
    {
        "create",
        "generate_content",
        "invoke",
        "ainvoke",
        "stream",
        "astream",
        "chat",
        "complete",
        "completion",
        "acompletion",
        "query",
        "generate",
        "predict",
        "batch",
        "send_message",
        "converse",
        "invoke_model",
    }
)
TEXT_TASKS = frozenset(
    {
        "text-generation",
        "text2text-generation",
        "conversational",
        "summarization",
        "translation",
        "question-answering",
    }
)
CALL_ROOTS = frozenset(p.split(".")[0] for p in PROVIDERS) | {"transformers"}
CALL_LASTS = frozenset({"generate", "pipeline"})
_CLIENT = re.compile(
    r"^(Chat[A-Z]\w*|OpenAI|AzureOpenAI|Anthropic|AnthropicVertex|"
    r"AnthropicBedrock|GenerativeModel|Client|ChatCompletionsClient)$"
)
_MODEL_LIKE = re.compile(r"Chat|LLM|OpenAI|Anthropic|Ollama|Gemini|Bedrock|Mistral|Cohere|Vertex")
_NOT_LLM = ("images", "audio", "embeddings", "moderations", "files", "fine_tuning", "batches")


def on_call(node: ast.Call, resolved: str, ctx: Context) -> None:
    receiver, _, final = resolved.removesuffix("()").rpartition(".")
    if final == "pipeline" and resolved.startswith("transformers"):
        task = constant_string(node.args[0] if node.args else keyword(node, "task"))
        if task in TEXT_TASKS:
            ctx.hit(NAME, KIND, node, f"runs a language model (transformers pipeline '{task}')")
    elif final == "generate" and ("CausalLM" in receiver or "Seq2SeqLM" in receiver):
        ctx.hit(NAME, KIND, node, f"generates text with {short(resolved)}")
    elif final in GENERATE and resolved.startswith(PROVIDERS):
        if any(f".{part}." in f".{resolved}." for part in _NOT_LLM):
            return
        if resolved.startswith("boto3") and final not in ("converse", "invoke_model"):
            return
        if resolved.startswith("langchain") and not _MODEL_LIKE.search(receiver):
            return  # retrievers, prompt templates and parsers also have `invoke`
        ctx.hit(NAME, KIND, node, f"calls a language model ({short(resolved)})")
    elif resolved.startswith(PROVIDERS) and _CLIENT.match(final):
        ctx.state.setdefault("llm-clients", []).append((node, ctx.at(node), short(resolved)))


def on_finish(ctx: Context) -> None:
    """A chat-model client that is only passed on (e.g. into a chain) still means LLM calls."""
    clients = ctx.state.get("llm-clients")
    if clients and not any(h.name == NAME for h in ctx.hits):
        _node, location, name = clients[0]
        ctx.hits.append(Hit(NAME, KIND, location, f"sets up a language model client ({name})"))
