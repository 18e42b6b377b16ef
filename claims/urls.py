from django.urls import path

from claims.views import articles, exports

urlpatterns = [
    path("", articles.home, name="home"),
    path("import/", articles.import_articles, name="import"),
    path("export/", exports.export_page, name="export"),
    path("export/download/", exports.download_export, name="export-download"),
]
