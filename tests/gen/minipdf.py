# Copyright 2026 The plan2json Authors.
"""A raw PDF writer for synthetic plans (tests/gen/make_plan.py,
bench/make_plan_pdf.py). No dependencies.

Text uses a non-embedded CID font (Identity-H, CID = Unicode code point) with
a ToUnicode map, so files stay small and any text extractor reads the
characters back; glyph shapes are never needed.
"""


class Pdf:
    """Objects in order of `add` (1-based ids); `write` adds the xref."""

    def __init__(self):
        self.objects = []

    def add(self, body):
        self.objects.append(body if isinstance(body, bytes) else body.encode())
        return len(self.objects)

    def set(self, oid, body):
        self.objects[oid - 1] = body if isinstance(body, bytes) else body.encode()

    def stream(self, data):
        data = data.encode() if isinstance(data, str) else data
        return self.add(b"<< /Length %d >>\nstream\n" % len(data) + data + b"\nendstream")

    def cid_font(self, code_points, widths=""):
        """The Type0 font (STSong-Light, Identity-H) mapping `code_points`
        back to Unicode; `widths` e.g. " /W [32 126 500]". Returns its id."""
        cmap = self.stream(to_unicode_cmap(code_points))
        desc = self.add("<< /Type /FontDescriptor /FontName /STSong-Light /Flags 4 "
                        "/FontBBox [-25 -254 1000 880] /ItalicAngle 0 /Ascent 880 "
                        "/Descent -120 /CapHeight 880 /StemV 93 >>")
        cid = self.add("<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light "
                       "/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) "
                       "/Supplement 0 >> /FontDescriptor %d 0 R /DW 1000%s >>"
                       % (desc, widths))
        return self.add("<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light "
                        "/Encoding /Identity-H /DescendantFonts [%d 0 R] /ToUnicode %d 0 R >>"
                        % (cid, cmap))

    def write(self, path, root):
        buf = bytearray(b"%PDF-1.5\n%\xe2\xe3\xcf\xd3\n")
        offsets = []
        for n, body in enumerate(self.objects, 1):
            offsets.append(len(buf))
            buf += b"%d 0 obj\n" % n + body + b"\nendobj\n"
        xref = len(buf)
        buf += b"xref\n0 %d\n0000000000 65535 f \n" % (len(self.objects) + 1)
        for off in offsets:
            buf += b"%010d 00000 n \n" % off
        buf += (b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n"
                % (len(self.objects) + 1, root, xref))
        with open(path, "wb") as f:
            f.write(bytes(buf))


def to_unicode_cmap(code_points):
    """A ToUnicode CMap mapping each used 256-code block to itself."""
    highs = sorted({cp >> 8 for cp in code_points})
    lines = ["/CIDInit /ProcSet findresource begin", "12 dict begin", "begincmap",
             "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
             "/CMapName /Adobe-Identity-UCS def", "/CMapType 2 def",
             "1 begincodespacerange", "<0000> <FFFF>", "endcodespacerange"]
    for i in range(0, len(highs), 100):
        chunk = highs[i:i + 100]
        lines.append("%d beginbfrange" % len(chunk))
        for h in chunk:
            lines.append("<%02X00> <%02XFF> <%02X00>" % (h, h, h))
        lines.append("endbfrange")
    lines += ["endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end"]
    return "\n".join(lines)
