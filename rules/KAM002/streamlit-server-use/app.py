import requests
import streamlit as st
q = st.text_input("Search")
r = requests.get("https://api.kaman.io/v1/search", params={"q": q},
                 headers={"Authorization": f"Bearer {st.secrets['KAMAN_API_KEY']}"})
st.write(r.json())
