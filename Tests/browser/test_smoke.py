def test_healthz_answers(page, base_url):
    response = page.request.get(f"{base_url}/healthz")
    assert response.status == 200, f"GET /healthz answered {response.status}: {response.text()[:500]}"
