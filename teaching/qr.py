"""The QR code of a class's join link, drawn on the server as inline SVG: no
script and no style attribute, so the strict Content-Security-Policy holds."""

import segno
from django.utils.safestring import mark_safe


def qr_svg(text: str, *, title: str) -> str:
    """An <svg> of the QR code for text, sized by CSS (no width or height),
    with its quiet zone. Error correction "M" reads well off a projector.
    segno escapes the title; the rest of its markup is numbers."""
    svg = segno.make(text, error="m", boost_error=False).svg_inline(
        omitsize=True, svgclass="qr-code", lineclass=None, title=title
    )
    return mark_safe(svg.replace("<svg ", '<svg role="img" ', 1))
