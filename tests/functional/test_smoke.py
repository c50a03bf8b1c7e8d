def test_home_page_says_what_the_lab_is_for(client):
    response = client.get("/")
    assert response.status_code == 200
    assert "children" in response.get_data(as_text=True)
