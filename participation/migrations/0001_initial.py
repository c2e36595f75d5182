"""The participation models move here from plan_pages, every row and revision kept.

The models are taken over with their tables (state only), the tables then get this app's
names, and the content types this app's label, so pages, revisions, permissions, translation
sources and the reference index keep pointing at them. plan_pages 0009 then forgets them.
"""

import django.db.models.deletion
import django.utils.timezone
import modelcluster.fields
import uuid

from core.model_moves import rename_content_types
import wagtail.fields
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('plan_pages', '0008_annual_report'),
        ('wagtailcore', '0098_apitoken'),
    ]

    run_before = [('plan_pages', '0009_participation_moved_out')]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=[
        migrations.CreateModel(
            name='Idea',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('translation_key', models.UUIDField(default=uuid.uuid4, editable=False)),
                ('sort_order', models.IntegerField(blank=True, editable=False, null=True)),
                ('number', models.PositiveSmallIntegerField(verbose_name='number')),
                ('title', models.CharField(max_length=160, verbose_name='title')),
                ('description', models.TextField(blank=True, max_length=600, verbose_name='description')),
                ('locale', models.ForeignKey(editable=False, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='wagtailcore.locale', verbose_name='locale')),
                ('page', modelcluster.fields.ParentalKey(on_delete=django.db.models.deletion.CASCADE, related_name='ideas', to='plan_pages.localareaplanpage')),
                ('project', models.ForeignKey(blank=True, help_text="When the idea has become one of the plan's projects.", null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='plan_pages.projectpage', verbose_name='became the project')),
            ],
            options={'db_table': 'plan_pages_idea', 
                'verbose_name': 'idea',
                'ordering': ['sort_order'],
                'abstract': False,
                'unique_together': {('translation_key', 'locale')},
            },
        ),
        migrations.CreateModel(
            name='SurveyPage',
            fields=[
                ('page_ptr', models.OneToOneField(auto_created=True, on_delete=django.db.models.deletion.CASCADE, parent_link=True, primary_key=True, serialize=False, to=settings.WAGTAIL_PAGE_MODEL)),
                ('intro', wagtail.fields.RichTextField(verbose_name='introduction')),
                ('opens_at', models.DateTimeField(verbose_name='opens')),
                ('closes_at', models.DateTimeField(verbose_name='closes')),
                ('results_public', models.BooleanField(default=False, help_text='Numbers per idea, and comments once they are approved.', verbose_name='show the results on the site')),
                ('thank_you', models.TextField(blank=True, max_length=600, verbose_name='thank-you text')),
                ('plan', models.ForeignKey(editable=False, help_text='The plan this page sits under, kept in step by save() and moves.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='plan_pages.localareaplanpage')),
            ],
            options={'db_table': 'plan_pages_surveypage', 
                'verbose_name': 'survey',
            },
            bases=('wagtailcore.page',),
        ),
        migrations.CreateModel(
            name='SurveyResponse',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('language', models.CharField(max_length=8, verbose_name='language')),
                ('submitted_at', models.DateTimeField(db_index=True, default=django.utils.timezone.now, editable=False, verbose_name='submitted')),
                ('name', models.CharField(blank=True, max_length=120, verbose_name='name')),
                ('email', models.EmailField(blank=True, max_length=254, verbose_name='e-mail')),
                ('consent_at', models.DateTimeField(blank=True, null=True, verbose_name='consent given')),
                ('anonymised_at', models.DateTimeField(blank=True, null=True, verbose_name='personal data deleted')),
                ('survey', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='responses', to='participation.surveypage', verbose_name='survey')),
            ],
            options={'db_table': 'plan_pages_surveyresponse', 
                'verbose_name': 'survey response',
                'verbose_name_plural': 'survey responses',
            },
        ),
        migrations.CreateModel(
            name='IdeaAnswer',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('priority', models.PositiveSmallIntegerField(blank=True, choices=[(1, '1 – not important'), (2, '2'), (3, '3'), (4, '4'), (5, '5 – very important')], null=True, verbose_name='priority')),
                ('comment', models.TextField(blank=True, max_length=1000, verbose_name='comment')),
                ('comment_status', models.CharField(choices=[('pending', 'Awaiting moderation'), ('approved', 'Approved'), ('rejected', 'Rejected')], default='pending', max_length=8, verbose_name='moderation')),
                ('wants_to_help', models.BooleanField(default=False, verbose_name='wants to help')),
                ('idea', models.ForeignKey(on_delete=django.db.models.deletion.RESTRICT, related_name='answers', to='participation.idea', verbose_name='idea')),
                ('response', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='answers', to='participation.surveyresponse', verbose_name='response')),
            ],
            options={'db_table': 'plan_pages_ideaanswer', 
                'verbose_name': 'answer',
                'verbose_name_plural': 'survey answers',
            },
        ),
        migrations.CreateModel(
            name='WorkingGroup',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('translation_key', models.UUIDField(default=uuid.uuid4, editable=False)),
                ('sort_order', models.IntegerField(blank=True, editable=False, null=True)),
                ('name', models.CharField(max_length=120, verbose_name='name')),
                ('purpose', models.TextField(max_length=600, verbose_name='purpose')),
                ('coordinator_name', models.CharField(max_length=120, verbose_name='coordinator')),
                ('coordinator_email', models.EmailField(help_text='Never shown on the site: residents who want to join are sent here.', max_length=254, verbose_name="coordinator's e-mail")),
                ('meeting_rhythm', models.CharField(blank=True, help_text='For example: the first Tuesday of the month at 19.', max_length=120, verbose_name='meeting rhythm')),
                ('locale', models.ForeignKey(editable=False, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='wagtailcore.locale', verbose_name='locale')),
                ('page', modelcluster.fields.ParentalKey(on_delete=django.db.models.deletion.CASCADE, related_name='working_groups', to='plan_pages.projectpage')),
            ],
            options={'db_table': 'plan_pages_workinggroup', 
                'verbose_name': 'working group',
                'ordering': ['sort_order'],
                'abstract': False,
                'unique_together': {('translation_key', 'locale')},
            },
        ),
        ]),
        migrations.AlterModelTable(name='idea', table=None),
        migrations.AlterModelTable(name='surveypage', table=None),
        migrations.AlterModelTable(name='surveyresponse', table=None),
        migrations.AlterModelTable(name='ideaanswer', table=None),
        migrations.AlterModelTable(name='workinggroup', table=None),
        migrations.RunPython(
            lambda apps, schema_editor: rename_content_types(
                apps, 'plan_pages', 'participation', ['idea', 'surveypage', 'surveyresponse', 'ideaanswer', 'workinggroup']
            ),
            lambda apps, schema_editor: rename_content_types(
                apps, 'participation', 'plan_pages', ['idea', 'surveypage', 'surveyresponse', 'ideaanswer', 'workinggroup']
            ),
        ),
    ]
