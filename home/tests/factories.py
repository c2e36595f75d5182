import wagtail_factories

from home.models import HomePage


class HomePageFactory(wagtail_factories.PageFactory):
    title = "Lokale udviklingsplaner i Næstved Kommune"
    slug = "forside"
    intro = "Her finder du lokalrådenes udviklingsplaner."
    about_lup = "<p>En lokal udviklingsplan er borgernes egen plan.</p>"
    about_blup = "<p>BLUP knytter planen til verdensmålene.</p>"

    class Meta:
        model = HomePage
