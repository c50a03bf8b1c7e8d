"""Cover images: a partner chooses one of the initiative's images or uploads one, with the text that says
what it shows; it is re-encoded in a few widths, offered with srcset on the cards and the page, served as
JPEG; only partners who may edit the initiative change it, with the form's token."""

import html
import io
import re
from pathlib import Path

import pytest
from PIL import Image
from sqlalchemy import func, select

from app.community import safeguarding
from app.core.extensions import db
from app.projects import covers
from app.projects.models import Attachment, ProjectCover, Stage
from tests.conftest import get_csrf
from tests.support.queries import counted_queries
from tests.support.web import client_for, make_project, text, upload


@pytest.fixture(autouse=True)
def upload_dir(app, tmp_path):
    app.config["UPLOAD_DIR"] = str(tmp_path)
    yield tmp_path
    app.config.pop("UPLOAD_DIR")


def image(width: int, height: int, mode: str = "RGB", fmt: str = "JPEG", gps: bool = False) -> bytes:
    picture = Image.new(mode, (width, height), (30, 120, 200, 128) if mode == "RGBA" else (30, 120, 200))
    out = io.BytesIO()
    if gps:
        exif = Image.Exif()
        exif.get_ifd(0x8825)[2] = (14.0, 41.0, 30.0)
        picture.save(out, format=fmt, exif=exif)
    else:
        picture.save(out, format=fmt)
    return out.getvalue()


def attachment_id(app, project_id: int) -> int:
    with app.app_context():
        return db.session.scalar(select(func.max(Attachment.id)).where(Attachment.project_id == project_id))


def choose(client, project_id: int, alt: str = "Girls of the council at the town hall", image_id="", **extra):
    data = {"csrf_token": get_csrf(client), "image": str(image_id), "alt": alt, **extra}
    return client.post(f"/projects/{project_id}/cover", data=data, content_type="multipart/form-data")


def cover_of(app, project_id: int) -> ProjectCover | None:
    with app.app_context():
        cover = db.session.get(ProjectCover, project_id)
        if cover is not None:
            db.session.expunge(cover)
        return cover


def srcset(html: str, cls: str) -> list[str]:
    match = re.search(rf'<img class="{cls}" src="[^"]+"\s+srcset="([^"]+)"', html)
    assert match, f"no {cls} image"
    return [part.rsplit(" ", 1)[1] for part in match.group(1).split(", ")]


@pytest.fixture
def active(app, world, login_as):
    """A public initiative with a 1200 × 800 JPEG among its files (carrying a GPS position)."""
    project_id = make_project(app, world, Stage.ACTIVE)
    owner = client_for(app, login_as, world, "owner")
    assert upload(owner, project_id, image(1200, 800, gps=True), "council.jpg").status_code == 302
    return project_id, owner, attachment_id(app, project_id)


def test_a_partner_makes_an_image_the_cover_in_three_widths(app, client, active, upload_dir):
    project_id, owner, image_id = active
    response = choose(owner, project_id, image_id=image_id)
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/projects/{project_id}")
    cover = cover_of(app, project_id)
    assert (cover.width, cover.height, cover.alt, cover.attachment_id) == (
        960, 640, "Girls of the council at the town hall", image_id
    )
    for width, height in ((320, 213), (640, 427), (960, 640)):
        served = client.get(f"/projects/{project_id}/cover/{cover.stem}-{width}.jpg")
        assert served.status_code == 200 and served.mimetype == "image/jpeg"
        assert "public" in served.headers["Cache-Control"] and "immutable" in served.headers["Cache-Control"]
        data = served.get_data()
        served.close()
        with Image.open(io.BytesIO(data)) as picture:
            assert picture.format == "JPEG" and picture.size == (width, height)
            assert not picture.getexif(), "no EXIF (no GPS position) in the cover"
    page = client.get(f"/projects/{project_id}").get_data(as_text=True)
    assert srcset(page, "page-cover") == ["320w", "640w", "960w"]
    assert 'alt="Girls of the council at the town hall"' in page
    listing = client.get("/projects").get_data(as_text=True)
    assert srcset(listing, "card-cover") == ["320w", "640w"]  # a card needs no wider one
    assert 'width="960" height="640"' in listing and 'loading="lazy"' in listing


def test_the_cover_page_offers_the_images_and_says_what_is_needed(app, world, login_as, active):
    project_id, owner, image_id = active
    html = owner.get(f"/projects/{project_id}/cover").get_data(as_text=True)
    assert f'<option value="{image_id}">council.jpg</option>' in html
    assert 'enctype="multipart/form-data"' in html and "What the image shows" in html
    assert "No cover image yet." in html and "Remove the cover" not in html
    page = owner.get(f"/projects/{project_id}").get_data(as_text=True)
    assert f'href="/projects/{project_id}/cover">Choose a cover image</a>' in page
    visitor = client_for(app, login_as, world, "community").get(f"/projects/{project_id}").get_data(as_text=True)
    assert "/cover" not in visitor


def test_a_new_image_uploaded_as_the_cover_joins_the_files(app, active):
    project_id, owner, _image_id = active
    response = choose(owner, project_id, **{"file": (io.BytesIO(image(500, 500, "RGBA", "PNG")), "logo.png"),
                                            "consent": "y"})
    assert response.status_code == 302
    cover = cover_of(app, project_id)
    assert (cover.width, cover.height) == (500, 500)  # never made wider than the image
    assert cover.attachment_id == attachment_id(app, project_id) and covers.widths(cover) == [320, 500]


def test_a_new_image_needs_the_consent_confirmation(app, active):
    project_id, owner, image_id = active
    response = choose(owner, project_id, **{"file": (io.BytesIO(image(400, 300)), "photo.jpg")})
    assert response.status_code == 422
    assert "Please confirm that you have consent to share this image" in text(response)
    assert cover_of(app, project_id) is None and attachment_id(app, project_id) == image_id


@pytest.mark.parametrize("alt", ["", "   "])
def test_the_text_saying_what_the_image_shows_is_required(app, active, alt):
    project_id, owner, image_id = active
    response = choose(owner, project_id, alt=alt, image_id=image_id)
    assert response.status_code == 422
    assert "Say in a few words what the image shows, for people who cannot see it." in text(response)
    assert cover_of(app, project_id) is None


@pytest.mark.parametrize("alt", ["Aminata, 12 ans, devant la mairie", "Kofi, aged 9, at the council",
                                 "Escríbenos en wa.me/50499123456"])
def test_a_text_that_may_identify_a_child_is_refused_with_the_screens_advice(app, active, alt):
    """The cover's text is public, beside the image, on every card: the safeguarding screen reads it."""
    project_id, owner, image_id = active
    response = choose(owner, project_id, alt=alt, image_id=image_id)
    assert response.status_code == 422
    with app.test_request_context():
        expected = str(safeguarding.advice(safeguarding.screen(alt)))
    assert expected and html.escape(expected, quote=False) in text(response).replace("&#39;", "'")
    assert cover_of(app, project_id) is None


def test_neither_an_image_nor_an_upload_is_refused(app, active):
    project_id, owner, _image_id = active
    response = choose(owner, project_id)
    assert response.status_code == 422 and "Choose one of the initiative's images, or upload one." in text(response)


def test_a_pdf_or_another_initiatives_image_cannot_be_chosen(app, world, login_as, active):
    project_id, owner, _image_id = active
    other = make_project(app, world, Stage.ACTIVE, title="Another initiative")
    upload(owner, other, image(300, 200), "other.jpg")
    response = choose(owner, project_id, image_id=attachment_id(app, other))
    assert response.status_code == 422 and "Not a valid choice" in text(response)
    assert cover_of(app, project_id) is None


def test_replacing_or_removing_the_cover_removes_its_files(app, client, active, upload_dir):
    project_id, owner, image_id = active
    choose(owner, project_id, image_id=image_id)
    first = cover_of(app, project_id)
    choose(owner, project_id, image_id=image_id, **{"alt": "The council session"})
    second = cover_of(app, project_id)
    assert second.stem != first.stem and second.alt == "The council session"
    assert sorted(p.name for p in Path(upload_dir).glob("cover-*")) == sorted(
        f"cover-{second.stem}-{w}.jpg" for w in (320, 640, 960)
    )
    assert client.get(f"/projects/{project_id}/cover/{first.stem}-320.jpg").status_code == 404
    response = owner.post(f"/projects/{project_id}/cover/remove", data={"csrf_token": get_csrf(owner)})
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/projects/{project_id}/cover")
    assert cover_of(app, project_id) is None and not list(Path(upload_dir).glob("cover-*"))
    assert "card-cover" not in client.get("/projects").get_data(as_text=True)
    assert attachment_id(app, project_id) == image_id  # the image stays among the files


@pytest.mark.parametrize(("who", "status"), [("community", 403), ("admin", 403), ("reviewer", 403)])
def test_only_the_initiatives_partners_change_its_cover(app, world, login_as, active, who, status):
    project_id, _owner, image_id = active
    other = client_for(app, login_as, world, who)
    assert choose(other, project_id, image_id=image_id).status_code == status
    removed = other.post(f"/projects/{project_id}/cover/remove", data={"csrf_token": get_csrf(other)})
    assert removed.status_code == status and other.get(f"/projects/{project_id}/cover").status_code == status
    assert cover_of(app, project_id) is None


def test_a_visitor_is_sent_to_log_in_and_a_missing_token_is_refused(app, client, active):
    project_id, owner, image_id = active
    response = choose(client, project_id, image_id=image_id)
    assert response.status_code == 302 and "/login" in response.headers["Location"]
    refused = owner.post(f"/projects/{project_id}/cover", data={"image": image_id, "alt": "A"})
    assert refused.status_code in (400, 422) and cover_of(app, project_id) is None


def test_the_cover_of_a_draft_is_private(app, world, login_as, client):
    project_id = make_project(app, world)
    owner = client_for(app, login_as, world, "owner")
    upload(owner, project_id, image(300, 200), "draft.jpg")
    assert choose(owner, project_id, image_id=attachment_id(app, project_id)).status_code == 302
    address = f"/projects/{project_id}/cover/{cover_of(app, project_id).stem}-300.jpg"
    served = owner.get(address)
    served.close()
    assert served.status_code == 200 and served.headers["Cache-Control"] == "private, no-store"
    assert client.get(address).status_code == 404


@pytest.mark.parametrize("tail", ["000000000000-320.jpg", "{stem}-100.jpg", "{stem}-321.jpg", "../../x-320.jpg"])
def test_an_address_that_is_not_one_of_the_covers_files_is_not_found(app, client, active, tail):
    project_id, owner, image_id = active
    choose(owner, project_id, image_id=image_id)
    stem = cover_of(app, project_id).stem
    assert client.get(f"/projects/{project_id}/cover/" + tail.format(stem=stem)).status_code == 404


def test_the_list_takes_no_more_queries_with_covers(app, world, login_as, client, active):
    project_id, owner, image_id = active
    others = [make_project(app, world, Stage.ACTIVE, title=f"Initiative {n}") for n in range(3)]

    def count() -> int:
        with counted_queries(app) as statements:
            assert client.get("/projects").status_code == 200
            assert client.get("/").status_code == 200
        return len(statements)

    without = count()
    for pid in [project_id, *others]:
        upload(owner, pid, image(300, 200), "photo.jpg")
        choose(owner, pid, image_id=attachment_id(app, pid))
    html = client.get("/projects").get_data(as_text=True)
    assert html.count('class="card-cover"') == 4
    assert count() == without


def test_missing_files_are_made_again_from_the_image(app, client, active, upload_dir):
    """A backup restored without its cover files, or a lost disk: the files come back from the image."""
    project_id, owner, image_id = active
    choose(owner, project_id, image_id=image_id)
    stem = cover_of(app, project_id).stem
    for path in Path(upload_dir).glob("cover-*"):
        path.unlink()
    served = client.get(f"/projects/{project_id}/cover/{stem}-640.jpg")
    served.close()
    assert served.status_code == 200
    made = sorted(p.name for p in Path(upload_dir).glob("cover-*"))
    assert made == [f"cover-{stem}-{w}.jpg" for w in (320, 640, 960)]
    Path(upload_dir, "cover-" + stem + "-320.jpg").unlink()
    with app.app_context():
        image_path = Path(upload_dir) / db.session.get(Attachment, image_id).stored_name
    image_path.unlink()  # the image itself is gone too: nothing to make them from
    assert client.get(f"/projects/{project_id}/cover/{stem}-320.jpg").status_code == 404
