# The twin.actor quickstart's "Complete Example", as published, run against Cinetwin by
# e2e/quickstart.spec.ts. Differences from the seed, all for a test run:
#   - API_BASE, EMAIL, PASSWORD come from the environment and the photo path from argv[1];
#   - num_scenes is 2 (the seed says 5) to keep the suite fast;
#   - it polls every second (the seed says 30) since a local render takes well under a minute;
#   - it exits non-zero unless it reaches "Video ready", so the spec can trust its exit code.
import os
import sys

import requests
import base64
import time

# Configuration
API_BASE = os.environ["API_BASE"]
EMAIL = os.environ["EMAIL"]
PASSWORD = os.environ["PASSWORD"]
PHOTO_PATH = sys.argv[1] if len(sys.argv) > 1 else "founder_photo.jpg"

# 1. Login
auth = requests.post(f"{API_BASE}/auth/login", data={
    "username": EMAIL,
    "password": PASSWORD
}).json()
token = auth["access_token"]
headers = {"Authorization": f"Bearer {token}"}

# 2. Create person
with open(PHOTO_PATH, "rb") as f:
    photo_b64 = base64.b64encode(f.read()).decode()

person = requests.post(f"{API_BASE}/persons", headers=headers, json={
    "name": "Alex Chen",
    "description": "Tech startup founder",
    "photo_base64": f"data:image/jpeg;base64,{photo_b64}"
}).json()
print(f"Created person: {person['id']}")

# 3. Create project
project = requests.post(f"{API_BASE}/stories/create", headers=headers, json={
    "person_id": person["id"],
    "story_idea": "A startup founder's journey from idea to product launch",
    "num_scenes": 2  # the seed says 5; 2 keeps the test suite fast
}).json()
print(f"Created project with {len(project['scenes'])} scenes")

# 4. Approve and start generation
requests.post(
    f"{API_BASE}/scene-projects/{project['id']}/approve",
    headers=headers,
    json={"confirm_credits": True, "video_model": "kling-2.6-pro"}
)
print("Generation started...")

# 5. Wait for completion
while True:
    status = requests.get(
        f"{API_BASE}/scene-projects/{project['id']}/status",
        headers=headers
    ).json()
    print(f"Progress: {status['progress']}% - {status.get('current_step', '')}")

    if status["status"] == "completed":
        print(f"\nVideo ready: {status['final_video_url']}")
        break
    elif status["status"] == "failed":
        print(f"\nFailed: {status.get('error_message')}")
        sys.exit(1)  # the seed just stops here; a test needs to see the failure

    time.sleep(1)  # the seed polls every 30 s
