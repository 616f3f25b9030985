import matplotlib.pyplot as plt
import streamlit as st

st.title("Named entities")
fig, ax = plt.subplots()
ax.bar(["PER", "LOC", "ORG"], [12, 7, 3])
st.pyplot(fig)
