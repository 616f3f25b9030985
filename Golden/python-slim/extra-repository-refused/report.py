from pdf2image import convert_from_path

pages = convert_from_path("report.pdf")
print(len(pages))
