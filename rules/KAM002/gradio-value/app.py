import os
import gradio as gr
with gr.Blocks() as demo:
    key = gr.Textbox(value=os.environ["KAMAN_API_KEY"], label="API key")
demo.launch()
