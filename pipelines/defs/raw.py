"""The raw layer: the folders under data/raw where users drop their exports (SPEC section 2)."""

import dagster as dg

RAW_FOLDERS = {
    "roster": "HR workforce extracts, one per snapshot",
    "sessions": "the event catalogue kept by L&OD",
    "attendance": "Teams, Zoom, Eventbrite and sign-in sheet exports",
    "intranet": "intranet request logs (Apache/Nginx, IIS)",
    "feedback": "Microsoft Forms, Google Forms and SurveyMonkey exports",
    "corrections": "lasting fixes for quarantined records, kept by the L&OD officer",
}


@dg.definitions
def raw_folders() -> dg.Definitions:
    return dg.Definitions(
        assets=[
            dg.AssetSpec(["raw", folder], group_name="raw", kinds={"file"}, description=f"data/raw/{folder}/: {what}")
            for folder, what in RAW_FOLDERS.items()
        ]
    )
