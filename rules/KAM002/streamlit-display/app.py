import os
import streamlit as st
key = st.secrets["KAMAN_API_KEY"]
st.write("Using key", key)
st.text_input("Kaman key", value=os.environ["KAMAN_API_KEY"])
