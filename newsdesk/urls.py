from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from claims.views import account, errors

admin.site.site_header = _("Newsdesk administration")
admin.site.site_title = "Newsdesk"
# A request whose database connection was cut midway answers 503, not 500 (claims.views.errors).
handler500 = errors.server_error

urlpatterns = [
    path("accounts/login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("accounts/logout/", account.logout, name="logout"),
    path("accounts/language/", account.choose_language, name="choose_language"),
    path("admin/", admin.site.urls),
    path("", include("claims.urls")),
]
