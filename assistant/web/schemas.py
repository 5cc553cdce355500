"""Request and response models of the JSON API (they also make the OpenAPI schema).

Response models allow extra fields: the service may add keys without breaking clients."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator


def valid_text(value: str) -> str:
    """Text that can be encoded: JSON may carry lone surrogates (\\ud800) that no later step can handle."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError("contains invalid characters (unpaired surrogates)") from None
    return value


def _check_text(value: Any) -> Any:
    return valid_text(value) if isinstance(value, str) else value


class Turn(BaseModel):
    role: Literal["user", "assistant"]
    content: str = ""

    @field_validator("content")
    @classmethod
    def _content_ok(cls, value: str) -> str:
        return valid_text(value)


class AskFilters(BaseModel):
    """Restrict retrieval to documents of a year, issuing body, kind, or to one document."""

    model_config = ConfigDict(extra="ignore")

    year: int | None = Field(None, ge=1900, le=2100, examples=[2023])
    body: str | None = Field(None, max_length=200, examples=["城管局"])
    kind: str | None = Field(None, max_length=200, examples=["工作总结及计划"])
    doc_id: str | None = Field(None, max_length=200)

    @field_validator("year", "body", "kind", "doc_id", mode="before")
    @classmethod
    def _blank_is_none(cls, value: Any) -> Any:
        if isinstance(value, str) and not value.strip():
            return None
        return _check_text(value)

    def as_dict(self) -> dict[str, Any]:
        return {k: v for k, v in self.model_dump().items() if v is not None}


class AskRequest(BaseModel):
    model_config = ConfigDict(
        extra="ignore",
        json_schema_extra={"examples": [{"question": "2023年XX区城管局数字化案件处置率是多少？", "mode": "qa"}]},
    )

    question: str = Field(description="the question (or, in draft mode, the topic of the draft)")
    history: list[Turn] = Field(default_factory=list, description="earlier turns, oldest first (the last few are used)")
    mode: Literal["qa", "draft"] = "qa"
    filters: AskFilters | None = None

    @field_validator("question")
    @classmethod
    def _question_ok(cls, value: str) -> str:
        return valid_text(value)


class Citation(BaseModel):
    model_config = ConfigDict(extra="allow")

    n: int
    chunk_id: str
    doc_id: str
    source: str
    title: str
    heading: str
    text: str
    score: float
    spans: list[str] = []


class Passage(BaseModel):
    model_config = ConfigDict(extra="allow")

    chunk_id: str
    doc_id: str
    source: str
    title: str
    heading: str
    text: str
    score: float


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
    skipped: list[tuple[str, str]]


class ErrorResponse(BaseModel):
    detail: str


ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorResponse, "description": text}
    for code, text in {
        400: "bad input", 413: "too large", 422: "invalid request body", 503: "index or model not ready",
    }.items()
}
