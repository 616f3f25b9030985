console.log("calc")
