"""Ideas, surveys, answers and working groups moved to the participation app."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('plan_pages', '0008_annual_report'),
    ]

    operations = [
        # The tables now belong to participation (its 0001 runs before this): state only.
        migrations.SeparateDatabaseAndState(state_operations=[
        migrations.RemoveField(
            model_name='ideaanswer',
            name='idea',
        ),
        migrations.RemoveField(
            model_name='ideaanswer',
            name='response',
        ),
        migrations.RemoveField(
            model_name='surveypage',
            name='page_ptr',
        ),
        migrations.RemoveField(
            model_name='surveypage',
            name='plan',
        ),
        migrations.RemoveField(
            model_name='surveyresponse',
            name='survey',
        ),
        migrations.AlterUniqueTogether(
            name='workinggroup',
            unique_together=None,
        ),
        migrations.RemoveField(
            model_name='workinggroup',
            name='locale',
        ),
        migrations.RemoveField(
            model_name='workinggroup',
            name='page',
        ),
        migrations.DeleteModel(
            name='Idea',
        ),
        migrations.DeleteModel(
            name='IdeaAnswer',
        ),
        migrations.DeleteModel(
            name='SurveyPage',
        ),
        migrations.DeleteModel(
            name='SurveyResponse',
        ),
        migrations.DeleteModel(
            name='WorkingGroup',
        ),
        ]),
        migrations.AlterField(
            model_name='projectpage',
            name='plan',
            field=models.ForeignKey(editable=False, help_text='The plan this page sits under, kept in step by save() and moves.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='plan_pages.localareaplanpage'),
        ),
    ]
