print("karta")
