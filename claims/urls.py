from django.urls import path

from claims.views import articles

urlpatterns = [
    path("", articles.home, name="home"),
    path("import/", articles.import_articles, name="import"),
]
