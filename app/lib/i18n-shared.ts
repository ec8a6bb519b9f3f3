/** The id of the JSON block that carries a page's translations to the browser. */
export const I18N_RESOURCES_ID = "i18n-resources";
