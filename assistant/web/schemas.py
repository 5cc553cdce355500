"""Request and response models of the JSON API (they also make the OpenAPI schema).

Response models allow extra fields: the service may add keys without breaking clients."""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from annotated_types import Ge, Le
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    JsonValue,
    StrictBool,
    field_validator,
)


def valid_text(value: str) -> str:
    """Text that can be encoded: JSON may carry lone surrogates (\\ud800) that no later step can handle."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError("contains invalid characters (unpaired surrogates)") from None
    return value


def _check_text(value: Any) -> Any:
    return valid_text(value) if isinstance(value, str) else value


# Control characters no question needs and a Word document cannot hold: dropped from questions.
UNPRINTABLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
# A character that makes a question or query not blank: neither white space (as both Python and the
# ECMA regular expressions of JSON Schema know it) nor dropped. The same pattern documents the rule.
MEANINGFUL = re.compile(r"[^\x00-\x20\x7f\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff\ufffe\uffff]")
# Documented, not enforced by validation: the routes answer a blank question or query with 400.
NOT_BLANK: dict[str, JsonValue] = {"minLength": 1, "pattern": MEANINGFUL.pattern}


def printable(value: str) -> str:
    """Valid text without the control characters that no later step wants."""
    return UNPRINTABLE.sub("", valid_text(value))


def is_blank(text: str) -> bool:
    return MEANINGFUL.search(text) is None


Text = Annotated[str, AfterValidator(printable)]

YEAR_TEXT = re.compile(r"19[0-9]{2}|20[0-9]{2}|2100")


class Turn(BaseModel):
    role: Literal["user", "assistant"]
    content: Text = ""


class AskFilters(BaseModel):
    """Restrict retrieval to documents of a year, issuing body, kind, or to one document."""

    model_config = ConfigDict(extra="ignore")

    year: int | None = Field(
        None,
        ge=1900,
        le=2100,
        examples=[2023],
        json_schema_extra={
            "anyOf": [
                {"type": "integer", "minimum": 1900, "maximum": 2100},
                {
                    "type": "string",
                    "pattern": f"^({YEAR_TEXT.pattern})?$",
                    "description": "four digits, or empty for none",
                },
                {"type": "null"},
            ]
        },
    )
    body: str | None = Field(None, max_length=200, examples=["城管局"])
    kind: str | None = Field(None, max_length=200, examples=["工作总结及计划"])
    doc_id: str | None = Field(None, max_length=200)

    @field_validator("year", mode="before")
    @classmethod
    def _year_text(cls, value: Any) -> Any:
        """``"2023"`` as 2023 and ``""`` as none (what a form sends); no other text."""
        if isinstance(value, str):
            if value and not YEAR_TEXT.fullmatch(value):
                raise ValueError("expected a year from 1900 to 2100")
            return int(value) if value else None
        return value

    @field_validator("body", "kind", "doc_id")
    @classmethod
    def _blank_is_none(cls, value: str | None) -> str | None:
        if value is not None and not value.strip():
            return None
        return valid_text(value) if value is not None else None

    def as_dict(self) -> dict[str, Any]:
        return {k: v for k, v in self.model_dump().items() if v is not None}


MAX_ID = 2**53 - 1  # row ids (chats, turns, feedback): exact in a JSON number


def _not_a_boolean(value: Any) -> Any:
    """JSON's true/false are not ids (pydantic would read them as 1/0); 3.0 is one (JSON Schema)."""
    if isinstance(value, bool):
        raise ValueError("应为整数")
    return value


RowId = Annotated[int, Ge(1), Le(MAX_ID), BeforeValidator(_not_a_boolean)]
ChatRef = Annotated[int, Ge(0), Le(MAX_ID), BeforeValidator(_not_a_boolean)]  # 0: a new chat


class AskRequest(BaseModel):
    model_config = ConfigDict(
        extra="ignore",
        json_schema_extra={"examples": [{"question": "2023年XX区城管局数字化案件处置率是多少？", "mode": "qa"}]},
    )

    question: Text = Field(
        description="the question (or, in draft mode, the topic of the draft); not blank", json_schema_extra=NOT_BLANK
    )
    history: list[Turn] = Field(default_factory=list, description="earlier turns, oldest first (the last few are used)")
    mode: Literal["qa", "draft"] = "qa"
    polish: StrictBool = Field(
        False,
        description="draft mode: polished by the configured LLM, each sentence verified (else extractive); "
        "without an LLM configured the draft is extractive with a note saying so",
    )
    filters: AskFilters | None = None
    chat_id: ChatRef | None = Field(
        None,
        description="keep the question and its answer in this chat of yours (POST /api/chats); 0: in a new chat",
    )


class Passage(BaseModel):
    model_config = ConfigDict(extra="allow")

    chunk_id: str
    doc_id: str
    source: str
    title: str
    heading: str
    text: str
    score: float


class Citation(Passage):
    n: int
    spans: list[str] = []


class AskResponse(BaseModel):
    model_config = ConfigDict(extra="allow")

    answer: str
    refused: bool
    mode: str = "qa"
    citations: list[Citation] = []
    related: list[Passage] = []
    sections: list[dict[str, Any]] = []


class SearchResponse(BaseModel):
    model_config = ConfigDict(extra="allow")

    hits: list[Passage]


class Health(BaseModel):
    model_config = ConfigDict(extra="allow")

    status: str
    documents: int | None = None
    passages: int | None = None
    generation: str | None = None
    detail: str | None = Field(None, description="why the service is not ready (with 503)")


class DocumentInfo(BaseModel):
    model_config = ConfigDict(extra="allow")

    doc_id: str
    source: str
    path: str
    title: str
    passages: int
    ingested_at: str


class DocumentPassage(BaseModel):
    model_config = ConfigDict(extra="allow")

    chunk_id: str
    ordinal: int
    heading: str
    start: int
    end: int
    text: str


class DocumentDetail(BaseModel):
    model_config = ConfigDict(extra="allow")

    doc_id: str
    source: str
    path: str
    title: str
    text: str
    meta: dict[str, Any]
    passages: list[DocumentPassage]


class IngestResult(BaseModel):
    model_config = ConfigDict(extra="allow")

    documents: int
    passages: int
    added: list[str]
    updated: list[str]
    unchanged: list[str]
    removed: list[str]
    skipped: list[Annotated[list[str], Field(min_length=2, max_length=2)]] = Field(description="[file, reason] pairs")


class MetaCorrection(BaseModel):
    """An editor's correction of a document's metadata. Fields left out stay as they are (the
    defaults are never applied); an empty ``body`` or ``kind`` clears it."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "minProperties": 1,
            "examples": [
                {
                    "title": "XX区城市管理局2024年上半年工作总结",
                    "years": [2024],
                    "body": "XX区城市管理局",
                    "kind": "工作总结",
                }
            ],
        },
    )

    title: Text = Field("", max_length=200, json_schema_extra=NOT_BLANK)
    years: list[Annotated[int, Field(ge=1900, le=2100)]] = Field(default_factory=list, max_length=4)
    body: Text = Field("", max_length=100, description="issuing body as written, e.g. XX区城市管理局")
    kind: Text = Field("", max_length=50, description="document kind, e.g. 工作总结")


class MetaResult(BaseModel):
    model_config = ConfigDict(extra="allow")

    doc_id: str
    title: str
    years: list[int]
    body: str
    body_full: str
    kind: str
    generation: str = Field(description="the index generation that holds the correction")
    sidecar: bool = Field(description="also saved beside the file (NAME.meta.json), so a changed file keeps it")


class ErrorResponse(BaseModel):
    detail: str


class ValidationErrorResponse(ErrorResponse):
    errors: list[dict[str, Any]] = Field(default_factory=list, description="each problem: loc, msg, type")


def error_response(description: str, model: type[ErrorResponse] = ErrorResponse) -> dict[str, Any]:
    """An entry of a route's ``responses``: JSON ``{"detail": "..."}`` with this description.

    The schema is inline (not ``"model"``), so that it stays JSON on routes whose own
    responses are another media type (server-sent events, .docx, CSV)."""
    return {"description": description, "content": {"application/json": {"schema": model.model_json_schema()}}}


# Every route with parameters or a body documents 422 this way (errors.py answers it so).
Responses = dict[int | str, dict[str, Any]]

INVALID: Responses = {422: error_response("invalid request (parameters or body)", ValidationErrorResponse)}

ERRORS: Responses = {
    400: error_response("bad input"),
    413: error_response("too large"),
    503: error_response("index or model not ready"),
    **INVALID,
}
