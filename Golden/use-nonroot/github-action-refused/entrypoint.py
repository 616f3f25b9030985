import os

from github import Github

gh = Github(os.environ["INPUT_TOKEN"])
repo = gh.get_repo(os.environ["GITHUB_REPOSITORY"])
for issue in repo.get_issues(state="open", labels=["stale"]):
    issue.edit(state="closed")
