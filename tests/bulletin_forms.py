"""One short bulletin rendered as UTF-8, GBK, Big5 (traditional), UTF-16 text, HTML and PDF bytes.

Shared by the format and source tests; the PDF is drawn with reportlab's built-in
CID font STSong-Light, so no font file is needed.
"""

from __future__ import annotations

import io
from html import escape

import opencc

TITLE = "2023年上半年北京市居民收支情况"
SENTENCES = [
    "上半年，全市居民人均可支配收入41311元，同比增长5.0%。",
    "全市居民人均消费支出22861元，同比增长8.7%。",
    "其中，城镇居民人均消费支出24652元，增长8.4%；农村居民人均消费支出12301元，增长10.5%。",
    "全市社会消费品零售总额7048.4亿元，同比增长11.1%。",
    "城镇调查失业率为4.5%，比一季度下降0.2个百分点。",
    "全市规模以上工业增加值同比增长3.5%。",
]
LINES = [TITLE, *SENTENCES]
SIMPLIFIED = "\n".join(LINES) + "\n"
TRADITIONAL = opencc.OpenCC("s2tw").convert(SIMPLIFIED)


def html_page(lines: list[str] = LINES, charset: str = "utf-8", pub_date: str = "2023-07-18 10:00") -> str:
    """A government-style page: navigation and footer around the article, PubDate in a meta tag."""
    paragraphs = "\n".join(f"<p>{escape(s)}</p>" for s in lines[1:])
    return f"""<!DOCTYPE html>
<html lang="zh-CN"><head>
<meta http-equiv="Content-Type" content="text/html; charset={charset}">
<title>{escape(lines[0])}_北京市统计局</title>
<meta name="ArticleTitle" content="{escape(lines[0])}">
<meta name="PubDate" content="{pub_date}">
</head><body>
<div class="nav"><a href="/">首页</a> | <a href="/tjsj/">统计数据</a> | <a href="/zxfb/">最新发布</a></div>
<div class="article"><h1>{escape(lines[0])}</h1>
{paragraphs}
</div>
<div class="footer">主办单位：北京市统计局 国家统计局北京调查总队 | 京ICP备05060933号</div>
</body></html>
"""


def pdf_bytes(lines: list[str] = LINES, *, pages: int = 1) -> bytes:
    """A text-layer PDF with one line per sentence, spread over `pages` pages."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=1)
    per_page = -(-len(lines) // pages)
    for p in range(pages):
        c.setFont("STSong-Light", 10)
        y = 800
        for line in lines[p * per_page : (p + 1) * per_page]:
            c.drawString(40, y, line)
            y -= 16
        c.showPage()
    c.save()
    return buf.getvalue()


def blank_pdf_bytes() -> bytes:
    """A PDF with a drawing and no text layer (what a scan looks like to a text extractor)."""
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, invariant=1)
    c.rect(50, 50, 200, 100, fill=1)
    c.showPage()
    c.save()
    return buf.getvalue()


#: name -> (file name, raw bytes, HTTP content type, expected encoding) of the five forms.
def five_forms() -> dict[str, tuple[str, bytes, str, str | None]]:
    return {
        "utf8": ("bulletin-utf8.txt", SIMPLIFIED.encode("utf-8"), "text/plain", "utf-8"),
        "gbk": ("bulletin-gbk.txt", SIMPLIFIED.encode("gbk"), "text/plain", "gb18030"),
        "big5": ("bulletin-big5.txt", TRADITIONAL.encode("big5"), "text/plain", "big5"),
        "html": ("bulletin.html", html_page().encode("utf-8"), "text/html", "utf-8"),
        "pdf": ("bulletin.pdf", pdf_bytes(), "application/pdf", None),
    }
