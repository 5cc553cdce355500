"""Every message of the web app that a person may read, in Chinese and without server paths.

Ingest reasons come from the loader in English (the CLI and its tests use them); the web
app shows them through :func:`ingest_reason`, which names no path: the page names the file
by the name it was uploaded under."""

from __future__ import annotations

import re

INTERNAL_ERROR = "服务内部出错，未能完成这次请求。请点击“重试”，如仍失败请联系管理员。"
STREAM_FAILED = "服务内部出错，未能完成回答。请点击“重试”，如仍失败请联系管理员。"
INDEX_MISSING = "还没有可用的文件索引：请管理员先收录文件（命令 `assistant ingest`）。"
INDEX_MISMATCH = (
    "文件索引不可用：它由另一个向量模型或旧版本程序建立。请管理员重建索引"
    "（命令 `assistant ingest --rebuild`），或配置建立它的模型。"
)
STARTING = "服务正在启动（正在加载模型），请稍候几秒再试。"
MODEL_UNAVAILABLE = "模型无法加载，服务暂不可用。请管理员检查模型文件后重启服务。"
INGEST_BUSY = "另一个收录任务正在进行，请稍后重试。"
NOT_FOUND = "未找到该地址。"
METHOD_NOT_ALLOWED = "该地址不支持这种请求方法。"
BODY_TOO_LARGE = "请求内容过大（上限 {limit}）。"
BAD_CONTENT_LENGTH = "请求头 Content-Length 无效。"
MALFORMED_JSON = "请求内容不是有效的 JSON。"
EXPECTED_OBJECT = "请求内容应为 JSON 对象（Content-Type: application/json）。"
INVALID_REQUEST = "请求无效："

QUESTION_EMPTY = "问题为空，请输入问题。"
QUERY_EMPTY = "搜索词为空，请输入要搜索的内容（?q=…）。"
TOO_LONG = "{what}过长：共 {length} 字，超过 {limit} 字的上限，请删减后再发送。"
BAD_YEAR = "年份应为最多四位的数字。"
BAD_PARAMETER = "查询参数包含无效字符。"

SIGN_IN_NEEDED = "请先登录。"
ADMIN_DISABLED = "文件管理未启用：服务器没有配置管理口令（设置 ASSISTANT_ADMIN_TOKEN 后启用）。"
ADMIN_WRONG = "管理口令缺失或错误，请检查后重试。"
NO_DOCUMENT = "没有编号为 {doc_id} 的文件，可能已被删除。"
EXPECTED_MULTIPART = "请以 multipart/form-data 上传文件（字段名 files）。"
NO_FILE = "没有收到文件：请选择一个或多个文件后上传。"
TOO_MANY_FILES = "文件过多：一次上传了 {count} 个，上限为 {limit} 个。"
FILE_TOO_LARGE = "文件“{name}”超过 {limit} 的大小上限，未收录。"
EMPTY_FILE = "空文件"
UNSUPPORTED = "不支持的文件类型“{suffix}”（支持 {supported}）"
META_EMPTY = "请至少填写一项要更正的内容（标题、年份、单位或类型）。"
META_YEAR = "年份应为 1900 至 2100 之间的四位数字，多个年份用逗号或顿号分隔。"
META_TOO_LONG = "{what}过长（上限 {limit} 字）。"

# (English reason as the loader words it, Chinese reason). The first pattern that matches wins.
_INGEST_REASONS: list[tuple[str, str]] = [
    (r"^not a PDF", "不是有效的 PDF 文件（缺少 %PDF 文件头，可能被改了扩展名或不完整）"),
    (r"^password-protected PDF", "PDF 设有密码，无法读取；请去除密码后再上传"),
    (r"^damaged PDF|^unreadable PDF", "PDF 文件已损坏或不完整，无法读取"),
    (r"^PDF has no text layer", "PDF 既没有文字层，也没有可识别（OCR）的页面图像"),
    (
        r"^refused: image of (\d+) x (\d+) pixels",
        "已拒绝：图像为 {0}×{1} 像素，超过像素上限（疑似解压炸弹或超大扫描件）",
    ),
    (r"^refused: image is too large", "已拒绝：图像过大，无法安全解码（疑似解压炸弹）"),
    (
        r"^refused: (\d+) pages need OCR, over the limit of (\d+)",
        "已拒绝：有 {0} 页需要文字识别（OCR），超过每个文件 {1} 页的上限",
    ),
    (r"^damaged image", "图像文件已损坏或格式无法识别"),
    (r"^damaged OFD", "OFD 文件已损坏或不完整，无法读取"),
    (r"^more than (\d+) pages", "页数超过 {0} 页的上限"),
    (r"^password-protected \.(doc|wps) file", ".{0} 文件设有密码，无法读取；请去除密码后再上传"),
    (
        r"^\.(doc|wps) needs LibreOffice",
        "读取 .{0} 文件需要 LibreOffice，服务器未安装；请安装 libreoffice-writer-nogui，或将文件另存为 .docx",
    ),
    (r"^damaged \.(doc|wps) file", ".{0} 文件已损坏，无法读取"),
    (r"^not an old binary \.(doc|wps)", "文件其实是 .docx（扩展名被改为 .{0}）；请改回 .docx 后上传"),
    (r"^not a binary \.(doc|wps)", "文件其实是 RTF 格式；请另存为 .docx 后上传"),
    (r"^\.(doc|wps) could not be converted", ".{0} 文件无法转换（LibreOffice 无法启动）"),
    (r"^PDF text layer is garbled", "PDF 的文字层是乱码（字体缺少编码映射）；请重新导出或先进行文字识别（OCR）"),
    (r"^password-protected or old binary Word", "Word 文件设有密码，或是旧版 .doc 格式；请另存为 .docx 后再上传"),
    (r"^password-protected or old binary Excel", "Excel 文件设有密码，或是旧版 .xls 格式；请另存为 .xlsx 后再上传"),
    (r"^not a valid \.docx", "不是有效的 Word（.docx）文件（可能被改了扩展名或不完整）"),
    (r"^not a valid \.xlsx", "不是有效的 Excel（.xlsx）文件（可能被改了扩展名或不完整）"),
    (r"^damaged \.docx", "Word（.docx）文件已损坏，无法读取"),
    (r"^damaged \.xlsx", "Excel（.xlsx）文件已损坏，无法读取"),
    (r"^refused: archive expands", "已拒绝：文件解压后过大（疑似压缩炸弹）"),
    (r"(?:sheet .* has )?more than (\d+) rows", "表格超过 {0} 行的上限"),
    (r"^refused: (\d+) passages exceed", "已拒绝：段落总数超过上限"),
    (r"^unsupported file type '([^']*)'", "不支持的文件类型“{0}”"),
    (r"^empty file", EMPTY_FILE),
    (r"^too large", "文件超过大小上限"),
    (r"^no text found", "文件中没有可读取的文字"),
    (r"^nothing left after removing boilerplate", "去除网页模板文字后没有剩下正文"),
    (r"^binary content", "文件是二进制内容，不是文本文件"),
    (r"^broken UTF-16", "UTF-16 编码的文本已损坏"),
    (r"^unknown (?:or mixed )?text encoding", "无法识别文字编码（已尝试 UTF-8 和 GB18030）"),
    (r"^file name is not valid UTF-8", "文件名的编码不是 UTF-8，请改名后再上传"),
    (r"^not a regular file", "不是普通文件"),
    (r"^cannot read", "无法读取文件"),
    (r"^no such file or folder", "文件不存在"),
]


def ingest_reason(reason: str) -> str:
    """Why a file was not taken, in Chinese; never the English detail (it may quote a path)."""
    for pattern, chinese in _INGEST_REASONS:
        found = re.search(pattern, reason)
        if found:
            return chinese.format(*found.groups())
    return "文件无法读取，未收录"


_TABLE_REASONS: list[tuple[str, str]] = [
    (r"^no header row", "前 15 行中没有测评表格的表头（测评项目、测评内容、测评标准、分值 等）"),
    (r"^unsupported table type '([^']*)'", "不支持的表格类型“{0}”（支持 .xlsx、.csv）"),
]


def table_error(message: str) -> str:
    """A criteria table that could not be read (``"<file>: <reason>"``), in Chinese: ``file：原因``."""
    name, _, reason = message.partition(": ")
    for pattern, chinese in _TABLE_REASONS:
        found = re.search(pattern, reason)
        if found:
            return f"{name}：{chinese.format(*found.groups())}"
    return f"{name}：{ingest_reason(reason)}"


def has_chinese(text: str) -> bool:
    return re.search(r"[\u4e00-\u9fff]", text) is not None


def human_limit(size: int) -> str:
    """``50 MB``, ``1000 字节``: a size limit as people read it."""
    if size < 1024:
        return f"{size} 字节"
    value = float(size)
    for unit in ("KB", "MB", "GB"):
        value /= 1024
        if value < 1024 or unit == "GB":
            return f"{value:.0f} {unit}" if value.is_integer() else f"{value:.1f} {unit}"
    return f"{size} 字节"  # pragma: no cover
