"""Admin widgets for choosing goals and targets: the 17 goals as a grid of coloured checkboxes,
the targets as checkboxes in one fieldset per goal.

Both are rendered whole on the server, so they work without JavaScript; a small script
(`sdg/admin/goal-widgets.js`, no inline script) hides the target groups of unchosen goals.
"""

from django import forms

from .goals import goals, targets


class GoalWidgetMedia:
    class Media:
        css = {"all": ["sdg/admin/goal-widgets.css"]}
        js = ["sdg/admin/goal-widgets.js"]


class GoalGridWidget(GoalWidgetMedia, forms.CheckboxSelectMultiple):
    """The goals as coloured tiles, each a checkbox with the goal's number and short name."""

    template_name = "sdg/widgets/goal_grid.html"
    option_template_name = "sdg/widgets/goal_grid_option.html"

    def create_option(self, name, value, *args, **kwargs):
        option = super().create_option(name, value, *args, **kwargs)
        option["goal"] = goals().get(int(value))
        return option


class TargetGroupsWidget(GoalWidgetMedia, forms.CheckboxSelectMultiple):
    """The targets as checkboxes in a fieldset per goal (with the goal as its legend).

    Its choices are grouped by goal, as `sdg.goals.target_choices` gives them."""

    template_name = "sdg/widgets/target_groups.html"
    option_template_name = "sdg/widgets/target_option.html"

    def create_option(self, name, value, *args, **kwargs):
        option = super().create_option(name, value, *args, **kwargs)
        target = targets().get(str(value))
        option["target"] = target
        option["goal"] = goals()[target.goal] if target else None
        return option
