### Les mots de honyaku sur les pages publiées (français).

language-name = Français
press-release = Communiqué de presse
release-date = Date de publication :
translation-incomplete = Une partie de cette page n’est pas encore traduite ({ $percent } % traduit) ; ces passages sont affichés dans une autre langue.
other-languages = Autres langues
index-title = Communiqués de presse
index-intro = Les communiqués publiés dans cette langue et la part traduite de chacun.
index-document = Communiqué
index-complete = Traduit
index-link = Tous les communiqués
