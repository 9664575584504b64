/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Reading a hub's spawn form with a real HTML parser (libxml2), not by
 * matching strings. */
#include <libxml/HTMLparser.h>
#include <libxml/xpath.h>

#include "studio-hub-form.h"
#include "studio-size-private.h"

static char *
text_of (xmlNodePtr node)
{
  xmlChar *content = node ? xmlNodeGetContent (node) : NULL;
  char *text;

  if (content == NULL)
    return NULL;
  text = g_strstrip (g_strdup ((const char *) content));
  xmlFree (content);
  /* Collapse the template's line breaks and indentation. */
  {
    g_auto(GStrv) words = g_strsplit_set (text, " \t\r\n", -1);
    GString *s = g_string_new (NULL);

    for (guint i = 0; words[i]; i++)
      if (*words[i])
        g_string_append_printf (s, "%s%s", s->len ? " " : "", words[i]);
    g_free (text);
    text = g_string_free (s, FALSE);
  }
  return text;
}

static char *
attribute (xmlNodePtr  node,
           const char *name)
{
  xmlChar *value = xmlGetProp (node, (const xmlChar *) name);
  char *copy = value ? g_strdup ((const char *) value) : NULL;

  xmlFree (value);
  return copy;
}

static xmlXPathObjectPtr
query (xmlXPathContextPtr  context,
       xmlNodePtr          node,
       const char         *expression)
{
  context->node = node;
  return xmlXPathEvalExpression ((const xmlChar *) expression, context);
}

static xmlNodePtr
first_node (xmlXPathObjectPtr result)
{
  return result && result->nodesetval && result->nodesetval->nodeNr > 0 ? result->nodesetval->nodeTab[0] : NULL;
}

/* The next element after node in document order (no recursion: a page may
 * nest deeply). */
static xmlNodePtr
next_element (xmlNodePtr node,
              xmlNodePtr root)
{
  do
    {
      if (node->children != NULL)
        node = node->children;
      else
        {
          while (node != root && node->next == NULL)
            node = node->parent;
          if (node == root)
            return NULL;
          node = node->next;
        }
    }
  while (node->type != XML_ELEMENT_NODE);
  return node;
}

/* Elements named tag whose attribute starts with prefix (or equals value,
 * with exact). Values from the page never become XPath: a quote in an id
 * would break the expression. */
static GPtrArray *
elements_with (xmlDocPtr   doc,
               const char *tag,
               const char *attribute_name,
               const char *value,
               gboolean    exact)
{
  xmlNodePtr root = xmlDocGetRootElement (doc);
  GPtrArray *found = g_ptr_array_new ();

  for (xmlNodePtr node = root; node != NULL; node = next_element (node, root))
    {
      xmlChar *attr;

      if (node->type != XML_ELEMENT_NODE || g_ascii_strcasecmp ((const char *) node->name, tag) != 0)
        continue;
      attr = xmlGetProp (node, (const xmlChar *) attribute_name);
      if (attr != NULL && (exact ? g_str_equal ((const char *) attr, value)
                                 : g_str_has_prefix ((const char *) attr, value)))
        g_ptr_array_add (found, node);
      xmlFree (attr);
    }
  return found;
}

static xmlNodePtr
label_for (xmlDocPtr   doc,
           const char *id)
{
  g_autoptr(GPtrArray) labels = id && *id ? elements_with (doc, "label", "for", id, TRUE) : NULL;

  return labels && labels->len > 0 ? g_ptr_array_index (labels, 0) : NULL;
}

/* For each select of the profile: the option chosen by default, and into
 * *choices, [{key, label, choices: [{value, label}], default}]. */
static JsonObject *
profile_defaults (xmlXPathContextPtr  context,
                  xmlDocPtr           doc,
                  const char         *slug,
                  JsonArray         **choices)
{
  g_autofree char *prefix = g_strdup_printf ("profile-option-%s--", slug);
  g_autoptr(GPtrArray) selects = elements_with (doc, "select", "name", prefix, FALSE);
  JsonObject *defaults = json_object_new ();

  *choices = json_array_new ();

  for (guint i = 0; i < selects->len; i++)
    {
      xmlNodePtr select = g_ptr_array_index (selects, i);
      g_autofree char *name = attribute (select, "name");
      xmlXPathObjectPtr chosen = query (context, select, ".//option[@selected]");
      xmlXPathObjectPtr any = query (context, select, ".//option");
      xmlNodePtr option = first_node (chosen) ? first_node (chosen) : first_node (any);
      g_autofree char *value = option ? attribute (option, "value") : NULL;

      if (value == NULL && option != NULL)
        value = text_of (option);
      if (value != NULL)
        json_object_set_string_member (defaults, name + strlen (prefix), value);

      {
        JsonObject *described = json_object_new ();
        JsonArray *values = json_array_new ();
        g_autofree char *id = attribute (select, "id");
        xmlNodePtr label = label_for (doc, id ? id : name);
        g_autofree char *label_text = label ? text_of (label) : NULL;

        for (int j = 0; any && any->nodesetval && j < any->nodesetval->nodeNr; j++)
          {
            JsonObject *choice = json_object_new ();
            g_autofree char *choice_value = attribute (any->nodesetval->nodeTab[j], "value");
            g_autofree char *choice_label = text_of (any->nodesetval->nodeTab[j]);

            json_object_set_string_member (choice, "value", choice_value ? choice_value : choice_label);
            json_object_set_string_member (choice, "label", choice_label ? choice_label : choice_value);
            json_array_add_object_element (values, choice);
          }
        json_object_set_string_member (described, "key", name + strlen (prefix));
        json_object_set_string_member (described, "label", label_text && *label_text ? label_text : name + strlen (prefix));
        json_object_set_array_member (described, "choices", values);
        json_object_set_string_member (described, "default", value ? value : "");
        json_array_add_object_element (*choices, described);
      }
      xmlXPathFreeObject (chosen);
      xmlXPathFreeObject (any);
    }
  return defaults;
}

GListStore *
studio_hub_form_parse_profiles (const char *html,
                                gsize       length)
{
  htmlDocPtr doc;
  xmlXPathContextPtr context;
  xmlXPathObjectPtr radios;
  GListStore *profiles = NULL;

  g_return_val_if_fail (html != NULL, NULL);

  /* libxml2 takes an int: a form is never that large, a hostile page may be. */
  if (length > 16 * 1024 * 1024)
    return NULL;
  doc = htmlReadMemory (html, (int) length, NULL, "utf-8",
                        HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET);
  if (doc == NULL)
    return NULL;
  context = xmlXPathNewContext (doc);
  radios = query (context, xmlDocGetRootElement (doc), "//input[@type='radio' and @name='profile']");

  for (int i = 0; radios && radios->nodesetval && i < radios->nodesetval->nodeNr; i++)
    {
      xmlNodePtr radio = radios->nodesetval->nodeTab[i];
      g_autofree char *slug = attribute (radio, "value");
      g_autofree char *id = attribute (radio, "id");
      g_autofree char *display = NULL;
      g_autofree char *description = NULL;
      g_autoptr(StudioSize) size = NULL;
      xmlXPathObjectPtr heading = NULL, paragraph = NULL;
      xmlNodePtr label_node;

      if (slug == NULL || *slug == '\0')
        continue;
      label_node = label_for (doc, id);
      if (label_node == NULL)
        label_node = radio->parent;   /* the radio inside its label */
      heading = query (context, label_node, ".//h3");
      paragraph = query (context, label_node, ".//p");
      display = first_node (heading) ? text_of (first_node (heading)) : NULL;
      description = first_node (paragraph) ? text_of (first_node (paragraph)) : NULL;

      size = studio_size_new (slug, display && *display ? display : slug, 0, 0, 0);
      studio_size_set_description (size, description);
      {
        JsonArray *choices = NULL;
        JsonObject *defaults = profile_defaults (context, doc, slug, &choices);

        studio_size_set_profile (size, defaults, choices, xmlHasProp (radio, (const xmlChar *) "checked") != NULL);
        g_clear_pointer (&defaults, json_object_unref);
        g_clear_pointer (&choices, json_array_unref);
      }
      if (profiles == NULL)
        profiles = g_list_store_new (STUDIO_TYPE_SIZE);
      g_list_store_append (profiles, size);

      xmlXPathFreeObject (heading);
      xmlXPathFreeObject (paragraph);
    }

  xmlXPathFreeObject (radios);
  xmlXPathFreeContext (context);
  xmlFreeDoc (doc);
  return profiles;
}
