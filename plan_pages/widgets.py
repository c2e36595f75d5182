"""The plan's village goals as tiles in a project's editor, like the UN goals above them."""

from django import forms

from sdg.goals import goals
from sdg.widgets import GoalWidgetMedia


class VillageGoalTilesWidget(GoalWidgetMedia, forms.CheckboxSelectMultiple):
    """Each village goal a tile: its number and title, in the colour of its first UN goal, with
    the UN goals it serves. Plain checkboxes underneath, so nothing needs JavaScript."""

    template_name = "sdg/widgets/goal_grid.html"
    option_template_name = "plan_pages/widgets/village_goal_option.html"

    def __init__(self, village_goals=(), attrs=None):
        super().__init__(attrs)
        self.village_goals = {goal.number: goal for goal in village_goals}

    def create_option(self, name, value, *args, **kwargs):
        option = super().create_option(name, value, *args, **kwargs)
        village_goal = self.village_goals.get(int(value))
        option["village_goal"] = village_goal
        numbers = village_goal.goals if village_goal else []
        un_goals = [goals()[number] for number in numbers if number in goals()]
        option["goal"] = un_goals[0] if un_goals else None
        option["un_goals"] = un_goals
        return option
