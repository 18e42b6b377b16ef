from claims.models import Claim
from tests.conftest import client_for
from tests.exporting import body, label, make_article, read_csv


def test_the_claim_admin_exports_the_selected_claims_as_csv(admin_user, reviewer):
    first, second, _third = make_article(["Eins.", "Zwei.", "Drei."]).claims.order_by("position")
    label(first, reviewer, "fact")
    client = client_for(admin_user)
    client.get("/admin/claims/claim/")
    data = {
        "action": "export_as_csv",
        "_selected_action": [first.pk, second.pk],
        "csrfmiddlewaretoken": client.cookies["csrftoken"].value,
    }
    response = client.post("/admin/claims/claim/", data)
    rows = read_csv(body(response))
    assert [(r["claim_text"], r["labels"]) for r in rows] == [("Eins.", "rita=fact"), ("Zwei.", "")]
    assert response["Content-Disposition"].startswith('attachment; filename="newsdesk-claims-')


def test_the_action_is_offered_on_the_claim_list(admin_user):
    make_article(["Eins."])
    response = client_for(admin_user).get("/admin/claims/claim/")
    assert "Ausgewählte Behauptungen als CSV exportieren" in response.content.decode()
    assert Claim.objects.count() == 1
