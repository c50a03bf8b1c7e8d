"""Small PDF files for the upload tests, made with pypdf: one blank page, and metadata when asked."""

import io

from pypdf import PdfWriter
from pypdf.generic import DecodedStreamObject, NameObject

XMP = (
    '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
    '<rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>{creator}</dc:creator>'
    "</rdf:Description></rdf:RDF></x:xmpmeta>"
)


def make_pdf(info: dict[str, str] | None = None, xmp_creator: str | None = None, page_xmp: bool = False) -> bytes:
    """A one-page PDF; `info` becomes its document information ({"/Author": ...}), `xmp_creator` the creator
    in XMP metadata on the catalogue (and on the page too with `page_xmp`)."""
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    if info:
        writer.add_metadata(info)
    if xmp_creator is not None:
        stream = DecodedStreamObject()
        stream.set_data(XMP.format(creator=xmp_creator).encode())
        stream[NameObject("/Type")] = NameObject("/Metadata")
        stream[NameObject("/Subtype")] = NameObject("/XML")
        reference = writer._add_object(stream)
        writer.root_object[NameObject("/Metadata")] = reference
        if page_xmp:
            writer.pages[0][NameObject("/Metadata")] = reference
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
