"""What the admin change form would post, for tests that drive the admin over HTTP."""


def _add_bound_fields(form, data):
    for bound in form:
        value = bound.value()
        if value is None or value is False:
            continue
        data[bound.html_name] = [str(item) for item in value] if isinstance(value, (list, tuple)) else value


def change_form_data(response):
    """Everything the admin change form would post if submitted untouched, inlines included."""
    data = {}
    _add_bound_fields(response.context["adminform"].form, data)
    for inline in response.context.get("inline_admin_formsets", []):
        _add_bound_fields(inline.formset.management_form, data)
        for form in inline.formset.forms:
            _add_bound_fields(form, data)
    return data


def inline_prefix(response, model):
    return next(i.formset.prefix for i in response.context["inline_admin_formsets"] if i.formset.model is model)
