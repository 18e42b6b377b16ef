from django.urls import path

from claims.views import agreement, articles, assignments, corrections, desk, evidence, exports

urlpatterns = [
    path("", articles.home, name="home"),
    path("import/", articles.import_articles, name="import"),
    path("articles/<int:article_id>/", desk.article_detail, name="article_detail"),
    path("articles/<int:article_id>/progress/", desk.article_progress, name="article_progress"),
    path("next/", desk.next_claim, name="next_claim"),
    path("claims/<int:claim_id>/label/", desk.label_claim, name="label_claim"),
    path("claims/<int:claim_id>/note/", desk.save_note, name="save_note"),
    path("claims/<int:claim_id>/history/", desk.claim_history, name="claim_history"),
    path("claims/<int:claim_id>/evidence/", evidence.add_evidence, name="add_evidence"),
    path("evidence/<int:evidence_id>/edit/", evidence.edit_evidence, name="edit_evidence"),
    path("evidence/<int:evidence_id>/delete/", evidence.delete_evidence, name="delete_evidence"),
    path("claims/<int:claim_id>/merge/", corrections.merge_claim, name="merge_claim"),
    path("claims/<int:claim_id>/split/", corrections.split_claim, name="split_claim"),
    path("claims/<int:claim_id>/kind/", corrections.change_kind, name="change_kind"),
    path("export/", exports.export_page, name="export"),
    path("export/download/", exports.download_export, name="export-download"),
    path("agreement/", agreement.agreement_page, name="agreement"),
    path("assign/", assignments.assign_page, name="assign"),
    path("assignments/<int:assignment_id>/remove/", assignments.remove_assignment, name="remove_assignment"),
]
